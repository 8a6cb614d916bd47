import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert } from '../components/alert.tsx';
import formStyles from '../components/form.module.css';
import { FormPage } from '../components/form-page.tsx';
import { LoadingState } from '../components/query-state.tsx';
import { Tabs } from '../components/tabs.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { EmailLinkForm } from '../features/auth/email-link-form.tsx';
import { safeNextPath, signInPath } from '../features/auth/next-path.ts';
import { SignInForm } from '../features/auth/sign-in-form.tsx';
import { ssoStartHref, useSignInProviders } from '../features/auth/sign-in-providers.ts';
import { SsoButton, SsoError, SsoSeparator } from '../features/auth/sso-sign-in.tsx';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const providers = useSignInProviders();
  const next = safeNextPath(params.get('next'));
  const hasNext = next !== '/' && params.get('error') === null && params.get('sso') === null;
  const isLinkInvalid = params.get('error') === 'link-invalid';

  if (me.isPending || providers.isPending) return <LoadingState />;
  if (me.data) return <Navigate to={next} replace />;
  const sso = providers.data?.oidc ?? null;
  // Without an answer, the password forms are what can still work.
  const hasPasswords = providers.data?.passwordSignIn ?? true;

  return (
    <FormPage
      title={t('auth.signIn.title')}
      intro={hasPasswords ? t('auth.signIn.intro') : t('auth.sso.onlyIntro')}
      footer={
        hasPasswords ? (
          <p>
            {t('auth.signIn.noAccount')} <Link to={signInPath(next, 'sign-up')}>{t('header.signUp')}</Link>
          </p>
        ) : null
      }
    >
      <SsoError kind={params.get('sso')} />
      {hasNext ? (
        <Alert tone="info" title={t('auth.signIn.toContinueTitle')}>
          <p>{t('auth.signIn.toContinue')}</p>
        </Alert>
      ) : null}
      {/* The server sends people here when a magic link was already used or has expired. */}
      {isLinkInvalid ? (
        <Alert tone="warning" title={t('auth.magicLink.invalidTitle')}>
          <p>{t('auth.magicLink.invalid')}</p>
        </Alert>
      ) : null}
      {sso ? <SsoButton label={sso.label} href={ssoStartHref(sso.startUrl, next)} /> : null}
      {sso && hasPasswords ? <SsoSeparator /> : null}
      {hasPasswords ? (
        <Tabs
          label={t('auth.signIn.methods')}
          isFitted
          defaultSelectedId={isLinkInvalid ? 'link' : 'password'}
          items={[
            {
              id: 'password',
              label: t('auth.signIn.withPassword'),
              panel: <SignInForm onSignedIn={() => navigate(next, { replace: true })} />,
            },
            {
              id: 'link',
              label: t('auth.signIn.withLink'),
              panel: (
                <div className={formStyles.form}>
                  <p className={formStyles.hint}>{t('auth.magicLink.intro')}</p>
                  <EmailLinkForm purpose="magic-link" />
                </div>
              ),
            },
          ]}
        />
      ) : null}
    </FormPage>
  );
}
