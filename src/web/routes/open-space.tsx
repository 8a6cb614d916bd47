import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { openSpacePage, useOpenSpace } from '../features/open-spaces/open-space-api.ts';
import { OpenSpaceGrid } from '../features/open-spaces/open-space-grid.tsx';
import styles from '../features/open-spaces/open-space-pages.module.css';
import { isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

/** The marketplace of an open space: rooms × time slots, live for everyone who follows it. */
export function OpenSpacePage() {
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
    <div className={styles.page}>
      <PageHeader
        eyebrow={t('openSpaces.kicker')}
        title={space.title}
        description={
          <>
            <p>{t('openSpaces.facts', { event: space.eventTitle, zone: space.timeZone })}</p>
            <p>{space.abilities.takePart ? t('openSpaces.intro') : t('openSpaces.signInToTakePart')}</p>
          </>
        }
        actions={
          <div className={styles.links}>
            <Link to={`${openSpacePage(space.id)}/projector`}>{t('openSpaces.projector')}</Link>
            {space.abilities.steer ? (
              <Link to={`${openSpacePage(space.id)}/report`}>{t('openSpaces.report')}</Link>
            ) : null}
          </div>
        }
      />
      <OpenSpaceGrid space={space} />
    </div>
  );
}
