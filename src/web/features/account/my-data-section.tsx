import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { DeleteRefusal } from '../../../contract/account.ts';
import { Button } from '../../components/button.tsx';
import { buttonClass } from '../../components/button-class.ts';
import dialogStyles from '../../components/dialog.module.css';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { TextField } from '../../components/text-field.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useSignOut } from '../auth/auth-api.ts';
import { MY_DATA_URL, useDeleteAccount } from './account-api.ts';
import styles from './my-data-section.module.css';

const refusalOf = (error: unknown): DeleteRefusal | 'PASSWORD_NEEDED' | undefined => {
  if (!(error instanceof ApiError)) return undefined;
  if (error.code === 'INVALID_INPUT') return 'PASSWORD_NEEDED';
  const details = error.details;
  if (error.code !== 'FORBIDDEN' || typeof details !== 'object' || details === null || !('reason' in details))
    return undefined;
  return details.reason === 'WRONG_PASSWORD' || details.reason === 'REAUTHENTICATE'
    ? details.reason
    : undefined;
};

/** The confirmation: the password, or for a single sign-on account a recent sign-in. */
function DeleteAccountDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const remove = useDeleteAccount();
  const signOut = useSignOut();
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<FormStatusMessage | null>(null);
  const refusal = refusalOf(remove.error);
  const fieldError =
    refusal === 'WRONG_PASSWORD'
      ? t('myData.wrongPassword')
      : refusal === 'PASSWORD_NEEDED'
        ? t('myData.passwordNeeded')
        : undefined;

  return (
    <ModalDialog
      role="alertdialog"
      size="sm"
      onClose={onClose}
      heading={(id) => (
        <h2 id={id} className={dialogStyles.title}>
          {t('myData.dialogTitle')}
        </h2>
      )}
    >
      <form
        className={styles.dialogForm}
        onSubmit={(event) => {
          event.preventDefault();
          setProblem(null);
          remove.mutate(password ? { password } : {}, {
            onSuccess: () => void navigate('/account-deleted', { replace: true }),
            onError: (error) => {
              if (!refusalOf(error)) setProblem({ tone: 'danger', text: errorMessage(error) });
            },
          });
        }}
      >
        <p>{t('myData.deleteIntro')}</p>
        <TextField
          label={t('myData.password')}
          description={t('myData.passwordHint')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          errorMessage={fieldError}
          isOptional
        />
        {refusal === 'REAUTHENTICATE' ? (
          <div role="alert" className={styles.reauthenticate}>
            <p>{t('myData.reauthenticate')}</p>
            {/* Signing out first: the sign-in page sends a signed-in person straight back. The
                profile's guard then opens it, and brings the person back here afterwards. */}
            <div>
              <Button variant="secondary" isPending={signOut.isPending} onClick={() => signOut.mutate()}>
                {t('myData.signInAgain')}
              </Button>
            </div>
          </div>
        ) : null}
        <FormStatus message={problem} />
        <div className={dialogStyles.actions}>
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button variant="danger" type="submit" isPending={remove.isPending}>
            {t('myData.confirm')}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}

/** "Mes données": download everything about me, or delete my account. */
export function MyDataSection() {
  const { t } = useTranslation();
  const [isDeleting, setDeleting] = useState(false);
  return (
    <section className={styles.block} aria-labelledby="my-data-title">
      <h2 id="my-data-title">{t('myData.title')}</h2>
      <p>{t('myData.intro')}</p>
      <div>
        <a className={buttonClass('secondary')} href={MY_DATA_URL} download="archipel-export.zip">
          {t('myData.download')}
        </a>
      </div>
      <p className={styles.hint}>{t('myData.downloadHint')}</p>
      <h3 className={styles.subtitle}>{t('myData.deleteTitle')}</h3>
      <div>
        <Button variant="danger" onClick={() => setDeleting(true)}>
          {t('myData.delete')}
        </Button>
      </div>
      {isDeleting ? <DeleteAccountDialog onClose={() => setDeleting(false)} /> : null}
    </section>
  );
}
