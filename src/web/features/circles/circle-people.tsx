import { useTranslation } from 'react-i18next';
import type { Circle, CircleMember } from '../../../contract/circle.ts';
import { ApproveRefuseActions } from '../../components/approve-refuse-actions.tsx';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { FormStatus } from '../../components/form-status.tsx';
import { PersonItem, PersonList, personDetails } from '../../components/person-list.tsx';
import { Section } from '../../components/section.tsx';
import { type Report, runReported, useActionStatus } from '../../lib/action-status.ts';
import { useRemoveCircleMember, useUpdateCircleMember } from './circle-members-api.ts';

interface RowProps {
  circle: Circle;
  person: CircleMember;
  report: Report;
}

function MemberActions({ circle, person, report, canChangeRole }: RowProps & { canChangeRole: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateCircleMember(circle.id);
  const remove = useRemoveCircleMember(circle.id);
  const isFacilitator = person.role === 'facilitator';
  return (
    <>
      {canChangeRole ? (
        <Button
          variant="ghost"
          size="sm"
          isPending={update.isPending}
          onClick={() =>
            runReported(
              update.mutateAsync,
              { userId: person.id, patch: { role: isFacilitator ? 'member' : 'facilitator' } },
              report(t('circle.people.roleChanged', { name: person.name })),
            )
          }
        >
          {isFacilitator ? t('circle.people.makeMember') : t('circle.people.makeFacilitator')}
        </Button>
      ) : null}
      <ConfirmButton
        size="sm"
        title={t('circle.people.removeTitle', { name: person.name })}
        message={t('circle.people.removeMessage', { name: person.name })}
        confirmLabel={t('circle.people.remove')}
        isPending={remove.isPending}
        onConfirm={() =>
          runReported(
            remove.mutateAsync,
            person.id,
            report(t('circle.people.removed', { name: person.name })),
          )
        }
      >
        {t('circle.people.remove')}
      </ConfirmButton>
    </>
  );
}

function RequestActions({ circle, person, report }: RowProps) {
  const { t } = useTranslation();
  const update = useUpdateCircleMember(circle.id);
  const remove = useRemoveCircleMember(circle.id);
  return (
    <ApproveRefuseActions
      subject={person.name}
      approve={{
        label: t('circle.people.approve'),
        run: () => update.mutateAsync({ userId: person.id, patch: { status: 'member' } }),
        outcome: report(t('circle.people.approved', { name: person.name })),
      }}
      refuse={{
        label: t('circle.people.refuse'),
        run: () => remove.mutateAsync(person.id),
        outcome: report(t('circle.people.refused', { name: person.name })),
      }}
    />
  );
}

export interface CirclePeopleProps {
  circle: Circle;
  members: CircleMember[];
  myId: string | undefined;
  canManage: boolean;
}

/** Members, the ordered waitlist and (for facilitators) pending requests. */
export function CirclePeople({ circle, members, myId, canManage }: CirclePeopleProps) {
  const { t } = useTranslation();
  const { message, report } = useActionStatus();
  const inCircle = members.filter((m) => m.status === 'member');
  const waitlist = members
    .filter((m) => m.status === 'waitlisted')
    .sort((a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0));
  const requests = members.filter((m) => m.status === 'requested');
  const you = (person: CircleMember) => (person.id === myId ? <Badge>{t('common.you')}</Badge> : null);

  return (
    <>
      <FormStatus message={message} />
      {canManage ? (
        <Section title={t('circle.people.requests')} description={t('circle.people.requestsHint')}>
          {requests.length === 0 ? <EmptyState title={t('circle.people.noRequests')} isCompact /> : null}
          {requests.length ? (
            <PersonList>
              {requests.map((person) => (
                <PersonItem
                  key={person.id}
                  name={person.name}
                  details={personDetails(person)}
                  actions={<RequestActions circle={circle} person={person} report={report} />}
                />
              ))}
            </PersonList>
          ) : null}
        </Section>
      ) : null}
      <Section title={t('circle.people.members', { count: inCircle.length })}>
        {inCircle.length === 0 ? <EmptyState title={t('circle.people.noMembers')} isCompact /> : null}
        {inCircle.length ? (
          <PersonList>
            {inCircle.map((person) => (
              <PersonItem
                key={person.id}
                name={person.name}
                details={personDetails(person)}
                badges={
                  <>
                    {person.role === 'facilitator' ? (
                      <Badge tone="primary">{t('circle.role.facilitator')}</Badge>
                    ) : null}
                    {you(person)}
                  </>
                }
                actions={
                  canManage && person.id !== myId ? (
                    <MemberActions circle={circle} person={person} report={report} canChangeRole />
                  ) : null
                }
              />
            ))}
          </PersonList>
        ) : null}
      </Section>
      {waitlist.length || circle.capacity !== null ? (
        <Section
          title={t('circle.people.waitlist', { count: waitlist.length })}
          description={t('circle.people.waitlistHint')}
        >
          {waitlist.length === 0 ? <EmptyState title={t('circle.people.noWaitlist')} isCompact /> : null}
          {waitlist.length ? (
            <PersonList isOrdered>
              {waitlist.map((person, index) => (
                <PersonItem
                  key={person.id}
                  position={person.waitlistPosition ?? index + 1}
                  name={person.name}
                  details={personDetails(person)}
                  badges={you(person)}
                  actions={
                    canManage && person.id !== myId ? (
                      <MemberActions circle={circle} person={person} report={report} canChangeRole={false} />
                    ) : null
                  }
                />
              ))}
            </PersonList>
          ) : null}
        </Section>
      ) : null}
    </>
  );
}
