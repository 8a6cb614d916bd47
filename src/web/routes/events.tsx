import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { buttonClass } from '../components/button-class.ts';
import { ButtonLink } from '../components/button-link.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { useCommunity } from '../features/communities/community-api.ts';
import { communityFeedUrl } from '../features/events/event-api.ts';
import { CommunityEventList } from '../features/events/event-list.tsx';
import styles from '../features/events/events.module.css';
import { isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

/** `/c/:slug/events`: the community's events by month, its `.ics` feed, and a new event for its animators. */
export function CommunityEventsPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  if (community.isPending) return <LoadingState />;
  if (community.isError) {
    if (isNotFound(community.error)) return <NotFoundPage />;
    return <ErrorState error={community.error} onRetry={() => void community.refetch()} />;
  }
  const canCreate = community.data.abilities.steer;
  return (
    <div className={styles.layout}>
      <PageHeader
        title={t('events.list.title')}
        documentTitle={t('events.list.documentTitle', { community: community.data.name })}
        eyebrow={<Link to={`/c/${encodeURIComponent(slug)}`}>{community.data.name}</Link>}
        description={t('events.list.intro')}
        actions={
          <>
            <a
              className={buttonClass('secondary', 'md')}
              href={communityFeedUrl(slug)}
              title={t('events.list.subscribeHint')}
            >
              {t('events.list.subscribe')}
            </a>
            {canCreate ? (
              <ButtonLink to={`/c/${encodeURIComponent(slug)}/events/new`}>{t('events.list.new')}</ButtonLink>
            ) : null}
          </>
        }
      />
      <CommunityEventList slug={slug} canCreate={canCreate} />
    </div>
  );
}
