import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { FormPage } from '../components/form-page.tsx';
import { LoadingState } from '../components/query-state.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { safeNextPath, signInPath } from '../features/auth/next-path.ts';
import { ssoStartHref, useSignInProviders } from '../features/auth/sign-in-providers.ts';
import { SignUpForm } from '../features/auth/sign-up-form.tsx';
import { SsoButton, SsoSeparator } from '../features/auth/sso-sign-in.tsx';

export function SignUpPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const providers = useSignInProviders();
  const next = safeNextPath(params.get('next'));

  if (me.isPending || providers.isPending) return <LoadingState />;
  if (me.data) return <Navigate to={next} replace />;
  const sso = providers.data?.oidc ?? null;
  const hasPasswords = providers.data?.passwordSignIn ?? true;

  return (
    <FormPage
      title={t('auth.signUp.title')}
      intro={t('auth.signUp.intro')}
      footer={
        <p>
          {t('auth.signUp.hasAccount')} <Link to={signInPath(next)}>{t('header.signIn')}</Link>
        </p>
      }
    >
      {sso ? (
        <>
          {hasPasswords ? null : <p>{t('auth.sso.signUpOnly', { label: sso.label })}</p>}
          <SsoButton label={sso.label} href={ssoStartHref(sso.startUrl, next)} />
        </>
      ) : null}
      {sso && hasPasswords ? <SsoSeparator /> : null}
      {hasPasswords ? <SignUpForm onSignedUp={() => navigate(next, { replace: true })} /> : null}
    </FormPage>
  );
}
