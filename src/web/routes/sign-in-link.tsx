import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import formStyles from '../components/form.module.css';
import { FormPage } from '../components/form-page.tsx';
import { useSignInWithLink } from '../features/auth/auth-api.ts';

/**
 * Where a mailed sign-in link lands. Opening it signs no one in: mail scanners open links, and a
 * scanner would use up the link (and, for an address never proven, end the person's other
 * sessions). The button does it.
 */
export function SignInLinkPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const signIn = useSignInWithLink();

  return (
    <FormPage title={t('auth.signInLink.title')} intro={token ? t('auth.signInLink.intro') : undefined}>
      {!token || signIn.isError ? (
        <Alert tone="warning" title={t('auth.magicLink.invalidTitle')} role="alert">
          <p>
            {t('auth.signInLink.invalid')}{' '}
            <Link to="/sign-in?error=link-invalid">{t('auth.signInLink.askAgain')}</Link>
          </p>
        </Alert>
      ) : (
        <div className={formStyles.form}>
          <div>
            <Button
              isPending={signIn.isPending}
              onClick={() => signIn.mutate(token, { onSuccess: () => navigate('/', { replace: true }) })}
            >
              {t('auth.signInLink.submit')}
            </Button>
          </div>
          <p className={formStyles.hint}>{t('auth.signInLink.notYou')}</p>
        </div>
      )}
    </FormPage>
  );
}
