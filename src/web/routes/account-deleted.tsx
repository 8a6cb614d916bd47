import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../components/alert.tsx';
import { FormPage } from '../components/form-page.tsx';
import { useForgetDeletedAccount } from '../features/account/account-api.ts';

/** Where the web goes after "Supprimer mon compte": signed out, the account gone. */
export function AccountDeletedPage() {
  const { t } = useTranslation();
  useForgetDeletedAccount();
  return (
    <FormPage title={t('myData.deletedTitle')}>
      <Alert tone="success" role="status">
        <p>
          {t('myData.deleted')} <Link to="/">{t('myData.home')}</Link>
        </p>
      </Alert>
    </FormPage>
  );
}
