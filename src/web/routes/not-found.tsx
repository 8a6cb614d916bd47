import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../components/button-link.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';

/** Also shown for things that exist but are hidden from the reader: the server answers 404 for both. */
export function NotFoundPage() {
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
