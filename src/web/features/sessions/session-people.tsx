import { useTranslation } from 'react-i18next';
import type { Session } from '../../../contract/session.ts';
import { ActionPanel } from '../../components/action-panel.tsx';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus } from '../../components/form-status.tsx';
import { PersonItem, PersonList } from '../../components/person-list.tsx';
import { Section } from '../../components/section.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { type Report, runReported, useActionStatus } from '../../lib/action-status.ts';
import { sessionSchemas } from '../../lib/contract-schemas.ts';
import { useContractForm } from '../../lib/use-contract-form.ts';
import { useCircleMembers } from '../circles/circle-members-api.ts';
import { useAddParticipant, useRsvp, useSetAttendance } from './session-api.ts';
import { ParticipantStatusBadge } from './session-badges.tsx';

/** "Je viens" / "Excusé·e": the reader's answer to the invitation. */
export function SessionRsvp({ session, myId }: { session: Session; myId: string }) {
  const { t } = useTranslation();
  const { message, report } = useActionStatus();
  const rsvp = useRsvp(session.id);
  const mine = session.participants.find((p) => p.userId === myId);
  const answer = (status: 'confirmed' | 'excused') =>
    runReported(rsvp.mutateAsync, status, report(t(`session.rsvp.done.${status}`)));
  return (
    <ActionPanel message={message}>
      <Button
        variant={mine?.status === 'confirmed' ? 'primary' : 'secondary'}
        aria-pressed={mine?.status === 'confirmed'}
        isPending={rsvp.isPending && rsvp.variables === 'confirmed'}
        onClick={() => answer('confirmed')}
      >
        {t('session.rsvp.confirm')}
      </Button>
      <Button
        variant={mine?.status === 'excused' ? 'primary' : 'secondary'}
        aria-pressed={mine?.status === 'excused'}
        isPending={rsvp.isPending && rsvp.variables === 'excused'}
        onClick={() => answer('excused')}
      >
        {t('session.rsvp.excuse')}
      </Button>
    </ActionPanel>
  );
}

function AttendanceButtons({
  session,
  participant,
  report,
}: {
  session: Session;
  participant: Session['participants'][number];
  report: Report;
}) {
  const { t } = useTranslation();
  const set = useSetAttendance(session.id);
  const mark = (status: 'present' | 'excused') =>
    runReported(
      set.mutateAsync,
      { participantId: participant.id, status },
      report(t(`session.attendance.done.${status}`, { name: participant.name })),
    );
  return (
    <>
      <Button
        size="sm"
        variant={participant.status === 'present' ? 'primary' : 'ghost'}
        aria-pressed={participant.status === 'present'}
        aria-label={t('session.attendance.presentOf', { name: participant.name })}
        onClick={() => mark('present')}
      >
        {t('session.attendance.present')}
      </Button>
      <Button
        size="sm"
        variant={participant.status === 'excused' ? 'primary' : 'ghost'}
        aria-pressed={participant.status === 'excused'}
        aria-label={t('session.attendance.excusedOf', { name: participant.name })}
        onClick={() => mark('excused')}
      >
        {t('session.attendance.excused')}
      </Button>
    </>
  );
}

const loadAddSchema = () => sessionSchemas().then((m) => m.participantAddSchema);

const guestChoice = '__guest__';
const addStatuses = ['invited', 'present', 'excused'] as const;
type AddStatus = (typeof addStatuses)[number];

/** Facilitators add a circle member not yet listed, or a guest from outside the circle. */
function AddParticipantForm({ session, report }: { session: Session; report: Report }) {
  const { t } = useTranslation();
  const add = useAddParticipant(session.id);
  const members = useCircleMembers(session.circleId);
  const listed = new Set(session.participants.map((p) => p.userId));
  const candidates = (members.data ?? []).filter((m) => m.status === 'member' && !listed.has(m.id));
  const form = useContractForm({
    schema: loadAddSchema,
    initialValues: (): { who: string; guestName: string; status: AddStatus } => ({
      who: guestChoice,
      guestName: '',
      status: 'invited',
    }),
    // The hook's input names who to add; the status rides along (the route accepts it for both).
    toInput: ({ who, guestName, status }) => {
      const chosen = candidates.find((m) => m.id === who);
      return chosen ? { userId: chosen.id, status } : { guestName: guestName.trim(), status };
    },
    check: ({ who, guestName }) =>
      candidates.some((m) => m.id === who) || guestName.trim()
        ? {}
        : { guestName: { key: 'session.addParticipant.nameRequired' } },
    onValid: ({ userId, guestName, status }) => {
      const name = candidates.find((m) => m.id === userId)?.name ?? guestName ?? '';
      const input = userId ? { userId, status } : { guestName: name, status };
      runReported(add.mutateAsync, input, {
        onSuccess: () => {
          report(t('session.addParticipant.done', { name })).onSuccess();
          form.reset();
        },
        onError: report('').onError,
      });
    },
  });
  const { values, setValue } = form;
  const member = candidates.find((m) => m.id === values.who);

  return (
    <form className={formStyles.form} {...form.formProps}>
      <h3>{t('session.addParticipant.title')}</h3>
      <SelectField
        label={t('session.addParticipant.who')}
        value={member ? values.who : guestChoice}
        onChange={(who) => setValue('who', who)}
        options={[
          { value: guestChoice, label: t('session.addParticipant.guestOption') },
          ...candidates.map((m) => ({ value: m.id, label: m.name })),
        ]}
      />
      {member ? null : (
        <TextField label={t('session.addParticipant.guestName')} {...form.text('guestName')} />
      )}
      <SelectField
        label={t('session.addParticipant.status')}
        value={values.status}
        onChange={(status) => setValue('status', status)}
        options={addStatuses.map((s) => ({ value: s, label: t(`session.participant.${s}`) }))}
      />
      <div className={formStyles.actions}>
        <Button type="submit" variant="secondary" isPending={add.isPending}>
          {t('session.addParticipant.submit')}
        </Button>
      </div>
    </form>
  );
}

/** Who is coming, excused, present; facilitators record attendance. */
export function SessionParticipants({ session, myId }: { session: Session; myId: string | undefined }) {
  const { t } = useTranslation();
  const { message, report } = useActionStatus();
  const coming = session.participants.filter(
    (p) => p.status === 'confirmed' || p.status === 'present',
  ).length;
  const excused = session.participants.filter((p) => p.status === 'excused').length;
  // Each number agrees with its own words ("1 vient", "2 excusé·es"): one plural key per count.
  const summary = t('session.participants.summary', {
    coming: t('session.participants.coming', { count: coming }),
    excused: t('session.participants.excused', { count: excused }),
  });
  return (
    <Section
      title={t('session.participants.title', { count: session.participants.length })}
      description={summary}
    >
      <FormStatus message={message} />
      {session.participants.length === 0 ? (
        <EmptyState isCompact title={t('session.participants.none')} />
      ) : (
        <PersonList>
          {session.participants.map((participant) => (
            <PersonItem
              key={participant.id}
              name={participant.name}
              badges={
                <>
                  <ParticipantStatusBadge status={participant.status} />
                  {participant.userId === null ? <Badge>{t('session.participants.guest')}</Badge> : null}
                  {participant.userId && participant.userId === myId ? (
                    <Badge>{t('common.you')}</Badge>
                  ) : null}
                </>
              }
              actions={
                session.abilities.steer ? (
                  <AttendanceButtons session={session} participant={participant} report={report} />
                ) : null
              }
            />
          ))}
        </PersonList>
      )}
      {session.abilities.steer ? <AddParticipantForm session={session} report={report} /> : null}
    </Section>
  );
}
