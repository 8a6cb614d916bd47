import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '../components/alert.tsx';
import { FormPage } from '../components/form-page.tsx';
import { ResetPasswordForm } from '../features/auth/reset-password-form.tsx';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');

  return (
    <FormPage title={t('auth.reset.title')} intro={token ? t('auth.reset.intro') : undefined}>
      {token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <Alert tone="warning" title={t('auth.reset.missingTitle')}>
          <p>
            {t('auth.reset.missing')} <Link to="/forgot-password">{t('auth.reset.askAgain')}</Link>
          </p>
        </Alert>
      )}
    </FormPage>
  );
}
