import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { useSignOutEverywhere } from './auth-api.ts';
import styles from './sign-out-everywhere.module.css';

/** "Mes connexions": end every session of mine at once. */
export function SignOutEverywhereSection() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signOut = useSignOutEverywhere();
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  return (
    <section className={styles.block} aria-labelledby="sign-out-everywhere-title">
      <h2 id="sign-out-everywhere-title">{t('auth.everywhere.title')}</h2>
      <p>{t('auth.everywhere.intro')}</p>
      <ConfirmButton
        variant="secondary"
        title={t('auth.everywhere.confirmTitle')}
        message={t('auth.everywhere.confirmMessage')}
        confirmLabel={t('auth.everywhere.confirm')}
        isPending={signOut.isPending}
        onConfirm={() =>
          signOut.mutate(undefined, {
            onSuccess: () => navigate('/'),
            onError: () => setMessage({ tone: 'danger', text: t('auth.everywhere.failed') }),
          })
        }
      >
        {t('auth.everywhere.button')}
      </ConfirmButton>
      <FormStatus message={message} />
    </section>
  );
}
