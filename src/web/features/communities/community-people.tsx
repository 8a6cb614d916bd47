import { useTranslation } from 'react-i18next';
import type { Community, CommunityMember } from '../../../contract/community.ts';
import { ApproveRefuseActions } from '../../components/approve-refuse-actions.tsx';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { FormStatus } from '../../components/form-status.tsx';
import { PersonItem, PersonList, personDetails } from '../../components/person-list.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { ShowMore } from '../../components/show-more.tsx';
import { type Report, runReported, useActionStatus } from '../../lib/action-status.ts';
import {
  useCommunityMembers,
  useRemoveCommunityMember,
  useUpdateCommunityMember,
} from './community-members-api.ts';

interface ActionsProps {
  community: Community;
  person: CommunityMember;
  report: Report;
}

function MemberActions({ community, person: member, report }: ActionsProps) {
  const { t } = useTranslation();
  const update = useUpdateCommunityMember(community.slug);
  const remove = useRemoveCommunityMember(community.slug);
  const isAnimator = member.role === 'animator';
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        isPending={update.isPending}
        onClick={() =>
          runReported(
            update.mutateAsync,
            { userId: member.id, patch: { role: isAnimator ? 'member' : 'animator' } },
            report(t('community.people.roleChanged', { name: member.name })),
          )
        }
      >
        {isAnimator ? t('community.people.makeMember') : t('community.people.makeAnimator')}
      </Button>
      <ConfirmButton
        size="sm"
        title={t('community.people.removeTitle', { name: member.name })}
        message={t('community.people.removeMessage', { name: member.name, community: community.name })}
        confirmLabel={t('community.people.remove')}
        isPending={remove.isPending}
        onConfirm={() =>
          runReported(
            remove.mutateAsync,
            member.id,
            report(t('community.people.removed', { name: member.name })),
          )
        }
      >
        {t('community.people.remove')}
      </ConfirmButton>
    </>
  );
}

/** Members only: who is in the community. Animators can change roles and remove people. */
export function MemberDirectory({ community, myId }: { community: Community; myId: string }) {
  const { t } = useTranslation();
  const members = useCommunityMembers(community.slug, community.myStatus === 'active');
  const canManage = community.abilities.steer;
  const active = members.data?.filter((m) => m.status === 'active');
  const status = useActionStatus();

  return (
    <Section title={t('community.people.title')} description={t('community.people.description')}>
      {members.isPending ? <LoadingState /> : null}
      {members.isError ? <ErrorState error={members.error} onRetry={() => void members.refetch()} /> : null}
      <FormStatus message={status.message} />
      {active ? (
        <PersonList>
          {active.map((member) => (
            <PersonItem
              key={member.id}
              name={member.name}
              details={personDetails(member)}
              badges={
                <>
                  {member.role === 'animator' ? (
                    <Badge tone="primary">{t('community.role.animator')}</Badge>
                  ) : null}
                  {member.id === myId ? <Badge>{t('common.you')}</Badge> : null}
                </>
              }
              actions={
                canManage && member.id !== myId ? (
                  <MemberActions community={community} person={member} report={status.report} />
                ) : null
              }
            />
          ))}
        </PersonList>
      ) : null}
      <ShowMore list={members} />
    </Section>
  );
}

function RequestActions({ community, person, report }: ActionsProps) {
  const { t } = useTranslation();
  const update = useUpdateCommunityMember(community.slug);
  const remove = useRemoveCommunityMember(community.slug);
  return (
    <ApproveRefuseActions
      subject={person.name}
      approve={{
        label: t('community.requests.approve'),
        run: () => update.mutateAsync({ userId: person.id, patch: { status: 'active' } }),
        outcome: report(t('community.requests.approved', { name: person.name })),
      }}
      refuse={{
        label: t('community.requests.refuse'),
        run: () => remove.mutateAsync(person.id),
        outcome: report(t('community.requests.refused', { name: person.name })),
      }}
    />
  );
}

/** Animators: people who asked to join, to approve or refuse. */
export function PendingRequests({ community }: { community: Community }) {
  const { t } = useTranslation();
  const members = useCommunityMembers(community.slug, community.abilities.steer);
  const requests = members.data?.filter((m) => m.status === 'requested');
  const status = useActionStatus();

  return (
    <Section title={t('community.requests.title')} description={t('community.requests.description')}>
      {members.isPending ? <LoadingState /> : null}
      {members.isError ? <ErrorState error={members.error} onRetry={() => void members.refetch()} /> : null}
      <FormStatus message={status.message} />
      {requests?.length === 0 ? <EmptyState title={t('community.requests.empty')} isCompact /> : null}
      {requests?.length ? (
        <PersonList>
          {requests.map((person) => (
            <PersonItem
              key={person.id}
              name={person.name}
              details={personDetails(person)}
              actions={<RequestActions community={community} person={person} report={status.report} />}
            />
          ))}
        </PersonList>
      ) : null}
    </Section>
  );
}
