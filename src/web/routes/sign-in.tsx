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

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const next = safeNextPath(params.get('next'));
  const hasNext = next !== '/' && params.get('error') === null;
  const isLinkInvalid = params.get('error') === 'link-invalid';

  if (me.isPending) return <LoadingState />;
  if (me.data) return <Navigate to={next} replace />;

  return (
    <FormPage
      title={t('auth.signIn.title')}
      intro={t('auth.signIn.intro')}
      footer={
        <p>
          {t('auth.signIn.noAccount')} <Link to={signInPath(next, 'sign-up')}>{t('header.signUp')}</Link>
        </p>
      }
    >
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
    </FormPage>
  );
}
