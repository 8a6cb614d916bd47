import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormPage } from '../components/form-page.tsx';
import { EmailLinkForm } from '../features/auth/email-link-form.tsx';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  return (
    <FormPage
      title={t('auth.forgot.title')}
      intro={t('auth.forgot.intro')}
      footer={
        <p>
          <Link to="/sign-in">{t('auth.forgot.back')}</Link>
        </p>
      }
    >
      <EmailLinkForm purpose="password-reset" />
    </FormPage>
  );
}
