import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Circle, CircleMember, CircleRelations } from '../../contract/circle.ts';
import { Avatar } from '../components/avatar.tsx';
import { Card } from '../components/card.tsx';
import { Meter } from '../components/meter.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { CircleBoards } from '../features/boards/circle-boards.tsx';
import { CircleCalendarLink } from '../features/calendar/circle-calendar-link.tsx';
import { useCircle } from '../features/circles/circle-api.ts';
import {
  CircleKindBadges,
  CircleStatusBadge,
  MyCircleStatusBadge,
  VisibilityBadge,
} from '../features/circles/circle-badges.tsx';
import { CircleCycleCard } from '../features/circles/circle-cycle.tsx';
import { useCircleRelations } from '../features/circles/circle-cycles-api.ts';
import { useCircleMembers } from '../features/circles/circle-members-api.ts';
import { CircleMembership } from '../features/circles/circle-membership.tsx';
import { CirclePeople } from '../features/circles/circle-people.tsx';
import { EditCircleButton } from '../features/circles/edit-circle-button.tsx';
import { RelatedCircles } from '../features/circles/related-circles.tsx';
import { RenewCircleButton } from '../features/circles/renew-circle-button.tsx';
import { usePlacesLabel } from '../features/circles/use-places-label.ts';
import { useCommunity } from '../features/communities/community-api.ts';
import { CircleDatePolls } from '../features/date-polls/circle-date-polls.tsx';
import { PlaceholderInvitations } from '../features/placeholders/placeholder-invitations.tsx';
import { CirclePolls } from '../features/polls/poll-list.tsx';
import { CircleDecisionSection } from '../features/rex/circle-decision.tsx';
import { CircleSessions } from '../features/sessions/circle-sessions.tsx';
import { CircleSignupSheets } from '../features/signups/circle-signup-sheets.tsx';
import { AppointFacilitator } from '../features/stewards/appoint-facilitator.tsx';
import { CircleSurveys } from '../features/surveys/survey-list.tsx';
import { TerritoryNames } from '../features/territories/territory-names.tsx';
import { errorCode, isNotFound } from '../lib/error-message.ts';
import styles from './circle.module.css';
import { NotFoundPage } from './not-found.tsx';

/** The member list may be reserved to members: that is a rule, not a failure. */
function isHiddenFromReader(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'FORBIDDEN' || code === 'NOT_FOUND' || code === 'UNAUTHENTICATED';
}

function CircleAside({
  circle,
  members,
  relations,
}: {
  circle: Circle;
  members: CircleMember[] | undefined;
  relations: CircleRelations | undefined;
}) {
  const { t } = useTranslation();
  const placesLabel = usePlacesLabel();
  const facilitators = members?.filter((m) => m.role === 'facilitator' && m.status === 'member');
  return (
    <aside className={styles.aside} aria-label={t('circle.aside')}>
      <Card isCompact>
        {circle.capacity !== null ? (
          <Meter
            label={t('circle.capacity')}
            value={circle.memberCount}
            maxValue={circle.capacity}
            valueLabel={placesLabel(circle)}
          />
        ) : (
          <p>{placesLabel(circle)}</p>
        )}
        <dl className={styles.facts}>
          <dt>{t('circle.facts.members')}</dt>
          <dd>{circle.memberCount}</dd>
          <dt>{t('circle.facts.facilitators')}</dt>
          <dd>{circle.facilitatorCount}</dd>
          <dt>{t('circle.facts.waitlist')}</dt>
          <dd>{circle.waitlistCount}</dd>
          <dt>{t('circle.facts.joinPolicy')}</dt>
          <dd>{t(`circle.joinPolicy.${circle.joinPolicy}`)}</dd>
        </dl>
      </Card>
      <CircleCycleCard circle={circle} relations={relations} />
      <Card isCompact>
        <h2 className={styles.asideTitle}>{t('circle.facilitators')}</h2>
        {facilitators?.length ? (
          <ul className={styles.facilitators}>
            {facilitators.map((person) => (
              <li key={person.id} className={styles.facilitator}>
                <Avatar name={person.name} size="sm" />
                {person.name}
              </li>
            ))}
          </ul>
        ) : (
          <p className={styles.muted}>{members ? t('circle.noFacilitator') : t('circle.membersHidden')}</p>
        )}
      </Card>
    </aside>
  );
}

function CircleView({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const me = useMe().data ?? null;
  const community = useCommunity(circle.communitySlug);
  const members = useCircleMembers(circle.id);
  const relations = useCircleRelations(circle.id);
  const isCommunityMember = community.data?.myStatus === 'active';
  // The circle policy's answers: steer (facilitators, animators, admins), takePart (members too).
  const canManage = circle.abilities.steer;
  const myEntry = members.data?.find((m) => m.id === me?.id);

  return (
    <>
      <PageHeader
        eyebrow={
          <Link className={styles.eyebrowLink} to={`/c/${encodeURIComponent(circle.communitySlug)}`}>
            {circle.communityName}
          </Link>
        }
        title={circle.name}
        description={
          circle.territoryCodes.length > 0 ? (
            <p>
              <TerritoryNames codes={circle.territoryCodes} />
            </p>
          ) : undefined
        }
        meta={
          <>
            <CircleKindBadges circle={circle} />
            <CircleStatusBadge status={circle.status} />
            <VisibilityBadge visibility={circle.visibility} />
            <MyCircleStatusBadge circle={circle} />
          </>
        }
        actions={
          <>
            {canManage ? <EditCircleButton circle={circle} onSaved={() => void members.refetch()} /> : null}
            {canManage && relations.isSuccess && relations.data.nextCycle === null ? (
              <RenewCircleButton circle={circle} />
            ) : null}
            <CircleMembership
              circle={circle}
              isSignedIn={me !== null}
              isCommunityMember={isCommunityMember}
              myEntry={myEntry}
            />
          </>
        }
      />
      <div className={styles.grid}>
        <CircleAside circle={circle} members={members.data} relations={relations.data} />
        <div className={styles.main}>
          <Section title={t('circle.intention')}>
            {circle.intention ? (
              <p className={styles.intention}>{circle.intention}</p>
            ) : (
              <p className={styles.muted}>{t('circle.noIntention')}</p>
            )}
          </Section>
          {circle.description ? (
            <Section title={t('circle.description')}>
              <p className={styles.prose}>{circle.description}</p>
            </Section>
          ) : null}
          <CircleDecisionSection circle={circle} />
          <RelatedCircles circle={circle} relations={relations.data} />
          <CircleSessions circleId={circle.id} canPlan={canManage} />
          <CircleCalendarLink circle={circle} />
          <CircleBoards circleId={circle.id} isMember={circle.abilities.takePart} />
          <CirclePolls circleId={circle.id} canCreate={circle.abilities.takePart} />
          <CircleDatePolls circleId={circle.id} canCreate={circle.abilities.takePart} />
          <CircleSignupSheets circleId={circle.id} canCreate={circle.abilities.takePart} />
          <CircleSurveys circleId={circle.id} canCreate={circle.abilities.takePart} />
          {members.isPending ? <LoadingState /> : null}
          {members.isError && isHiddenFromReader(members.error) ? (
            <p className={styles.muted}>{t('circle.membersHidden')}</p>
          ) : null}
          {members.isError && !isHiddenFromReader(members.error) ? (
            <ErrorState error={members.error} onRetry={() => void members.refetch()} />
          ) : null}
          {members.data ? (
            <CirclePeople circle={circle} members={members.data} myId={me?.id} canManage={canManage} />
          ) : null}
          {canManage && members.data ? <AppointFacilitator circle={circle} members={members.data} /> : null}
          {canManage ? <PlaceholderInvitations slug={circle.communitySlug} circleId={circle.id} /> : null}
        </div>
      </div>
    </>
  );
}

export function CirclePage() {
  const { id = '' } = useParams();
  const circle = useCircle(id);
  if (circle.isPending) return <LoadingState />;
  if (circle.isError) {
    if (isNotFound(circle.error)) return <NotFoundPage />;
    return <ErrorState error={circle.error} onRetry={() => void circle.refetch()} />;
  }
  return <CircleView circle={circle.data} />;
}
