import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import formStyles from '../components/form.module.css';
import { FormPage } from '../components/form-page.tsx';
import { useConfirmAddress } from '../features/auth/auth-api.ts';

/**
 * Where a mailed address check lands. Opening it proves nothing (a mail scanner opens links, and
 * confirming someone else's registration of your address would hand them your account): the
 * button does it.
 */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = useConfirmAddress();

  if (confirm.isSuccess) {
    return (
      <FormPage title={t('auth.verifyEmail.title')}>
        <Alert tone="success" title={t('auth.verifyEmail.doneTitle')} role="status">
          <p>
            {t('auth.verifyEmail.done')} <Link to="/">{t('auth.verifyEmail.home')}</Link>
          </p>
        </Alert>
      </FormPage>
    );
  }
  return (
    <FormPage title={t('auth.verifyEmail.title')} intro={token ? t('auth.verifyEmail.intro') : undefined}>
      {!token || confirm.isError ? (
        <Alert tone="warning" title={t('auth.verifyEmail.invalidTitle')} role="alert">
          <p>{t('auth.verifyEmail.invalid')}</p>
        </Alert>
      ) : (
        <div className={formStyles.form}>
          <div>
            <Button isPending={confirm.isPending} onClick={() => confirm.mutate(token)}>
              {t('auth.verifyEmail.submit')}
            </Button>
          </div>
          <p className={formStyles.hint}>{t('auth.verifyEmail.notYou')}</p>
        </div>
      )}
    </FormPage>
  );
}
