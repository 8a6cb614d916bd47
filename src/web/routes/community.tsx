import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Community } from '../../contract/community.ts';
import type { Me } from '../../contract/user.ts';
import { ButtonLink } from '../components/button-link.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { type TabItem, Tabs } from '../components/tabs.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { CommunityCircles } from '../features/circles/community-circles.tsx';
import { useCommunity } from '../features/communities/community-api.ts';
import { JoinPolicyBadge, MyCommunityBadge } from '../features/communities/community-badges.tsx';
import { useCommunityMembers } from '../features/communities/community-members-api.ts';
import { CommunityMembership } from '../features/communities/community-membership.tsx';
import { MemberDirectory, PendingRequests } from '../features/communities/community-people.tsx';
import { EditCommunityButton } from '../features/communities/edit-community-button.tsx';
import { InviteLinkPanel } from '../features/communities/invite-link-panel.tsx';
import { PlaceholderInvitations } from '../features/placeholders/placeholder-invitations.tsx';
import { PollsSection } from '../features/polls/poll-list.tsx';
import { isNotFound } from '../lib/error-message.ts';
import styles from './community.module.css';
import { NotFoundPage } from './not-found.tsx';

function PendingCount({ community }: { community: Community }) {
  const { t } = useTranslation();
  const members = useCommunityMembers(community.slug, true);
  const count = members.data?.filter((m) => m.status === 'requested').length ?? 0;
  if (count === 0) return null;
  return (
    <span className={styles.tabCount}>
      {count}
      <span className="visually-hidden"> {t('community.requests.pendingCount', { count })}</span>
    </span>
  );
}

function CommunityTabs({ community, me }: { community: Community; me: Me | null }) {
  const { t } = useTranslation();
  const isMember = community.myStatus === 'active';
  const isAnimator = community.abilities.steer;
  if (!me || !isMember) {
    // Wrapped so that the section is a first child and takes no extra top margin.
    return (
      <div>
        <CommunityCircles community={community} />
      </div>
    );
  }
  const items: TabItem[] = [
    { id: 'circles', label: t('community.tabs.circles'), panel: <CommunityCircles community={community} /> },
    {
      id: 'members',
      label: t('community.tabs.members'),
      panel: <MemberDirectory community={community} myId={me.id} />,
    },
    {
      id: 'polls',
      label: t('polls.tab'),
      panel: <PollsSection scope={{ communityId: community.id }} canCreate={isAnimator} />,
    },
  ];
  if (isAnimator) {
    items.push({
      id: 'animation',
      label: (
        <>
          {t('community.tabs.animation')}
          <PendingCount community={community} />
        </>
      ),
      panel: (
        <div className={styles.animation}>
          <PendingRequests community={community} />
          <PlaceholderInvitations slug={community.slug} />
          <InviteLinkPanel community={community} />
        </div>
      ),
    });
  }
  return <Tabs label={t('community.tabs.label')} items={items} />;
}

export function CommunityPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  const me = useMe();

  if (community.isPending || me.isPending) return <LoadingState />;
  if (community.isError) {
    if (isNotFound(community.error)) return <NotFoundPage />;
    return <ErrorState error={community.error} onRetry={() => void community.refetch()} />;
  }
  const data = community.data;
  const user = me.data ?? null;

  return (
    <div className={styles.layout}>
      <PageHeader
        eyebrow={t('community.eyebrow')}
        title={data.name}
        meta={
          <>
            <JoinPolicyBadge policy={data.joinPolicy} />
            <MyCommunityBadge community={data} />
          </>
        }
        description={
          <>
            {data.description ? <p className={styles.description}>{data.description}</p> : null}
            <p>
              {t('community.counts.members', { count: data.memberCount })}
              {' · '}
              {t('community.counts.circles', { count: data.circleCount })}
            </p>
          </>
        }
        actions={
          <>
            <ButtonLink variant="secondary" to={`/c/${data.slug}/glossary`}>
              {t('glossary.open')}
            </ButtonLink>
            <ButtonLink variant="secondary" to={`/c/${data.slug}/events`}>
              {t('events.list.open')}
            </ButtonLink>
            <ButtonLink variant="secondary" to={`/c/${data.slug}/newsletters`}>
              {t('newsletters.open')}
            </ButtonLink>
            {data.abilities.takePart ? (
              <>
                <ButtonLink variant="secondary" to={`/c/${data.slug}/surveys`}>
                  {t('surveys.community.open')}
                </ButtonLink>
                <ButtonLink variant="secondary" to={`/c/${data.slug}/learning-designs`}>
                  {t('rex.library.open')}
                </ButtonLink>
              </>
            ) : null}
            {data.abilities.steer ? <EditCommunityButton community={data} /> : null}
            {user?.isAdmin ? (
              <ButtonLink
                variant="secondary"
                to={`/admin/animators?community=${encodeURIComponent(data.slug)}`}
              >
                {t('community.nameAnimators')}
              </ButtonLink>
            ) : null}
            <CommunityMembership community={data} me={user} />
          </>
        }
      />
      {data.charter ? (
        <details className={styles.charter}>
          <summary>{t('community.charter')}</summary>
          <p className={styles.charterText}>{data.charter}</p>
        </details>
      ) : null}
      <CommunityTabs community={data} me={user} />
    </div>
  );
}
