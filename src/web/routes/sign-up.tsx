import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { FormPage } from '../components/form-page.tsx';
import { LoadingState } from '../components/query-state.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { safeNextPath, signInPath } from '../features/auth/next-path.ts';
import { SignUpForm } from '../features/auth/sign-up-form.tsx';

export function SignUpPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const next = safeNextPath(params.get('next'));

  if (me.isPending) return <LoadingState />;
  if (me.data) return <Navigate to={next} replace />;

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
      <SignUpForm onSignedUp={() => navigate(next, { replace: true })} />
    </FormPage>
  );
}
