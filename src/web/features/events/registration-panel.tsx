import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { EventDto, MyRegistrationDto } from '../../../contract/event.ts';
import { GUEST_CONFIRM_HOURS } from '../../../domain/event.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { buttonClass } from '../../components/button-class.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import formStyles from '../../components/form.module.css';
import { FormProblem } from '../../components/form-problem.tsx';
import { TextField } from '../../components/text-field.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { useErrorMessage } from '../../lib/error-message.ts';
import { issuesFromApiError, useIssueMessage } from '../../lib/form-validation.ts';
import { signInPath } from '../auth/next-path.ts';
import { myCalendarUrl, useCancelRegistration, useChangeSlots, useRegister } from './event-api.ts';
import { StatusBadge } from './event-badges.tsx';
import styles from './events.module.css';
import { overlapOf, SlotChoices } from './slot-choices.tsx';

/**
 * What a refused registration says. Overlapping slots come back as a 400 whose message names
 * both: it is shown as the server wrote it, since no field of the form holds the fault.
 */
function useRegistrationProblem() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  return (error: unknown): string | undefined => {
    if (!error) return undefined;
    if (error instanceof ApiError && error.code === 'INVALID_INPUT' && error.fieldIssues.length === 0)
      return t('events.register.refused', { reason: error.message });
    return errorMessage(error);
  };
}

/** The French words for two chosen slots that overlap, checked before asking the server. */
function useOverlapMessage(event: EventDto) {
  const { t } = useTranslation();
  return (slotIds: readonly string[]) => {
    const pair = overlapOf(event, slotIds);
    return pair ? t('events.register.overlap', { first: pair[0].title, second: pair[1].title }) : undefined;
  };
}

function MyRegistration({ event, registration }: { event: EventDto; registration: MyRegistrationDto }) {
  const { t } = useTranslation();
  const change = useChangeSlots(event.id);
  const cancel = useCancelRegistration(event.id);
  const problem = useRegistrationProblem();
  const overlap = useOverlapMessage(event);
  const [editing, setEditing] = useState<string[] | null>(null);
  const [choiceError, setChoiceError] = useState<string | undefined>();
  const titleOf = (slotId: string) => event.slots.find((slot) => slot.id === slotId)?.title ?? slotId;
  const save = (submit: FormEvent) => {
    submit.preventDefault();
    if (!editing) return;
    const found = overlap(editing);
    setChoiceError(found);
    if (found) return;
    change.mutate(
      { registrationId: registration.id, slotIds: editing },
      { onSuccess: () => setEditing(null) },
    );
  };
  return (
    <div className={styles.registration}>
      <p className={styles.statusLine}>
        {t('events.register.myStatus')}{' '}
        <StatusBadge status={registration.status} position={registration.waitlistPosition} />
      </p>
      {registration.status === 'waitlisted' && registration.waitlistPosition ? (
        <p>{t('events.register.waitlistHelp', { position: registration.waitlistPosition })}</p>
      ) : null}
      {registration.slots.length > 0 ? (
        <ul className={styles.mySlots} aria-label={t('events.register.mySlots')}>
          {registration.slots.map((slot) => (
            <li key={slot.slotId}>
              {titleOf(slot.slotId)} <StatusBadge status={slot.status} position={slot.waitlistPosition} />
            </li>
          ))}
        </ul>
      ) : null}
      {editing ? (
        <form className={formStyles.form} onSubmit={save} noValidate>
          <SlotChoices
            event={event}
            value={editing}
            onChange={(slotIds) => {
              setEditing(slotIds);
              setChoiceError(undefined);
            }}
            errorMessage={choiceError}
          />
          <FormProblem text={problem(change.error)} />
          <div className={formStyles.actions}>
            <Button type="submit" isPending={change.isPending}>
              {t('events.register.saveSlots')}
            </Button>
            <Button variant="secondary" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <div className={formStyles.actions}>
          {event.abilities.takePart && event.slots.some((slot) => slot.capacity !== null) ? (
            <Button variant="secondary" onClick={() => setEditing(registration.slots.map((s) => s.slotId))}>
              {t('events.register.changeSlots')}
            </Button>
          ) : null}
          <a className={buttonClass('secondary')} href={myCalendarUrl(registration.id)}>
            {t('events.register.ics')}
          </a>
          {event.abilities.takePart ? (
            <ConfirmButton
              title={t('events.register.cancelTitle')}
              message={t('events.register.cancelMessage')}
              confirmLabel={t('events.register.cancel')}
              onConfirm={() => cancel.mutate(registration.id)}
              isPending={cancel.isPending}
            >
              {t('events.register.cancel')}
            </ConfirmButton>
          ) : null}
        </div>
      )}
      <FormProblem text={problem(cancel.error)} />
    </div>
  );
}

function MemberRegistration({ event }: { event: EventDto }) {
  const { t } = useTranslation();
  const register = useRegister(event.id);
  const problem = useRegistrationProblem();
  const overlap = useOverlapMessage(event);
  const [slotIds, setSlotIds] = useState<string[]>([]);
  const [choiceError, setChoiceError] = useState<string | undefined>();
  const submit = (submitEvent: FormEvent) => {
    submitEvent.preventDefault();
    const found = overlap(slotIds);
    setChoiceError(found);
    if (!found) register.mutate({ slotIds });
  };
  return (
    <form className={formStyles.form} onSubmit={submit} noValidate>
      <SlotChoices
        event={event}
        value={slotIds}
        onChange={(next) => {
          setSlotIds(next);
          setChoiceError(undefined);
        }}
        errorMessage={choiceError}
      />
      <FormProblem text={problem(register.error)} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={register.isPending}>
          {t('events.register.submit')}
        </Button>
      </div>
    </form>
  );
}

function GuestRegistration({ event }: { event: EventDto }) {
  const { t } = useTranslation();
  const register = useRegister(event.id);
  const problem = useRegistrationProblem();
  const issueMessage = useIssueMessage();
  const overlap = useOverlapMessage(event);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [slotIds, setSlotIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<{ name?: string; email?: string; slots?: string }>({});
  const serverIssues = issuesFromApiError(register.error);
  if (register.isSuccess) {
    return (
      <Alert tone="success" title={t('events.guest.sentTitle')} role="status">
        {t('events.guest.sentText', { email: email.trim(), hours: GUEST_CONFIRM_HOURS })}
      </Alert>
    );
  }
  const submit = (submitEvent: FormEvent) => {
    submitEvent.preventDefault();
    const found = {
      name: name.trim() ? undefined : t('validation.required'),
      email: /^\S+@\S+\.\S+$/.test(email.trim()) ? undefined : t('validation.email'),
      slots: overlap(slotIds),
    };
    setErrors(found);
    if (found.name || found.email || found.slots) return;
    register.mutate({ name: name.trim(), email: email.trim(), slotIds });
  };
  return (
    <form className={formStyles.form} onSubmit={submit} noValidate>
      <p className={styles.muted}>{t('events.guest.intro', { hours: GUEST_CONFIRM_HOURS })}</p>
      <TextField
        label={t('events.guest.name')}
        value={name}
        onChange={setName}
        maxLength={120}
        isRequired
        errorMessage={errors.name ?? issueMessage(serverIssues.name)}
      />
      <TextField
        label={t('events.guest.email')}
        description={t('events.guest.emailHint')}
        type="email"
        value={email}
        onChange={setEmail}
        maxLength={254}
        isRequired
        errorMessage={errors.email ?? (serverIssues.email ? t('validation.email') : undefined)}
      />
      <SlotChoices event={event} value={slotIds} onChange={setSlotIds} errorMessage={errors.slots} />
      <FormProblem text={serverIssues.name || serverIssues.email ? undefined : problem(register.error)} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={register.isPending}>
          {t('events.guest.submit')}
        </Button>
      </div>
    </form>
  );
}

/**
 * Registration: the member's own (status, slots, change, cancel, .ics), one click to register,
 * a guest's form on a public event, or a word to sign in.
 */
export function RegistrationPanel({ event, isSignedIn }: { event: EventDto; isSignedIn: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  const registration = event.myRegistration;
  if (registration && registration.status !== 'cancelled')
    return <MyRegistration event={event} registration={registration} />;
  if (event.cancelled) return <p className={styles.muted}>{t('events.register.closed')}</p>;
  // The server refuses too (409); `guestsWelcome` does not say that the event is over.
  if (Date.parse(event.endsAt) <= Date.now())
    return <p className={styles.muted}>{t('events.register.over')}</p>;
  if (isSignedIn) {
    return event.abilities.takePart ? (
      <MemberRegistration event={event} />
    ) : (
      <p className={styles.muted}>{t('events.register.membersOnly')}</p>
    );
  }
  if (event.guestsWelcome) return <GuestRegistration event={event} />;
  return (
    <p>
      <Link to={signInPath(location.pathname)}>{t('events.register.signIn')}</Link>
    </p>
  );
}
