import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { useOpenSpace } from '../features/open-spaces/open-space-api.ts';
import { OpenSpaceGrid } from '../features/open-spaces/open-space-grid.tsx';
import styles from '../features/open-spaces/open-space-pages.module.css';
import { isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

/** The marketplace on a projector: the whole screen, large type, live, nothing to press. */
export function OpenSpaceProjectorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe().data;
  const query = useOpenSpace(id, Boolean(me));
  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    return isNotFound(query.error) ? (
      <NotFoundPage />
    ) : (
      <ErrorState error={query.error} onRetry={() => query.refetch()} />
    );
  }
  const space = query.data;
  return (
    <div className={styles.projector}>
      <title>{`${space.title} · ${t('openSpaces.projector')} · Archipel`}</title>
      <header className={styles.projectorHead}>
        <p className={styles.projectorKicker}>
          {t('openSpaces.kicker')} · {space.eventTitle}
        </p>
        <h1>{space.title}</h1>
      </header>
      <OpenSpaceGrid space={space} variant="projector" />
    </div>
  );
}
