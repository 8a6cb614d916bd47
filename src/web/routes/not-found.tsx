import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../components/button-link.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { LoadingState } from '../components/query-state.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { SignInRedirect } from '../features/auth/sign-in-redirect.tsx';

/**
 * When signing in would not help: an address that matches no screen, or a guest's link (date
 * poll share or edit link, invitation) that is wrong or gone.
 */
export function UnknownAddressPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <EmptyState title={t('notFound.lead')} action={<ButtonLink to="/">{t('notFound.home')}</ButtonLink>}>
        {t('notFound.text')}
      </EmptyState>
    </>
  );
}

/**
 * Also shown for things that exist but are hidden from the reader: the server answers 404 for
 * both. A signed-out reader is asked to sign in first, since a private circle's link is the most
 * likely reason; the server gives away nothing, as the same happens for an address that never existed.
 */
export function NotFoundPage() {
  const me = useMe();
  if (me.isPending) return <LoadingState />;
  if (me.data === null) return <SignInRedirect />;
  return <UnknownAddressPage />;
}
