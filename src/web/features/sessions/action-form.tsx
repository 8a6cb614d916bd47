import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CircleMember } from '../../../contract/circle.ts';
import type { Action } from '../../../contract/session.ts';
import { Button } from '../../components/button.tsx';
import fieldStyles from '../../components/field.module.css';
import formStyles from '../../components/form.module.css';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useUnsavedChanges } from '../../components/unsaved-changes.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { issuesFromApiError, useIssueMessage } from '../../lib/form-validation.ts';
import { useCircleMembers } from '../circles/circle-members-api.ts';
import { useCreateAction, usePatchAction } from './action-api.ts';
import styles from './action-form.module.css';

/** Guest owners typed as "Anne, Paul (Gironde)": split on commas and semicolons. */
function splitNames(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((name) => name.trim())
    .filter(Boolean);
}

function OwnerChoices({
  members,
  chosen,
  onToggle,
}: {
  members: CircleMember[];
  chosen: Set<string>;
  onToggle: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className={styles.owners}>
      <legend className={fieldStyles.label}>{t('actions.form.owners')}</legend>
      <div className={styles.ownerList}>
        {members.map((member) => (
          <label key={member.id} className={styles.owner}>
            <input type="checkbox" checked={chosen.has(member.id)} onChange={() => onToggle(member.id)} />
            {member.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export interface ActionFormProps {
  circleId: string;
  /** Adds a next step to this session... */
  sessionId?: string;
  /** ...or edits this one (its owners and the facilitators). */
  action?: Action;
  /** Who carries an action is decided by its author and the facilitators, not by its owners. */
  canChangeOwners?: boolean;
  /** Called after a successful edit, or when the edit is cancelled. */
  onDone?: () => void;
}

/** "Ajouter un prochain pas", or change one: title, owners among the circle's members or guests, due date. */
export function ActionForm({
  circleId,
  sessionId = '',
  action,
  canChangeOwners = true,
  onDone,
}: ActionFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const errorMessage = useErrorMessage();
  const issueMessage = useIssueMessage();
  const create = useCreateAction(sessionId);
  const patch = usePatchAction();
  const members = useCircleMembers(circleId);
  const [title, setTitle] = useState(action?.title ?? '');
  const [chosen, setChosen] = useState<Set<string>>(
    () => new Set(action?.owners.flatMap((owner) => (owner.userId ? [owner.userId] : [])) ?? []),
  );
  const [guests, setGuests] = useState(
    action?.owners
      .filter((owner) => owner.userId === null)
      .map((owner) => owner.name)
      .join(', ') ?? '',
  );
  const [dueOn, setDueOn] = useState(action?.dueOn ?? '');
  const [titleError, setTitleError] = useState<string | undefined>();
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const inCircle = members.data?.filter((m) => m.status === 'member') ?? [];
  const isPending = create.isPending || patch.isPending;
  const initialDue = action?.dueOn ?? '';
  useUnsavedChanges(
    action
      ? title !== action.title || dueOn !== initialDue
      : title.trim() !== '' || guests.trim() !== '' || dueOn !== '',
  );

  function toggle(memberId: string) {
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(memberId)) next.delete(memberId);
      else next.add(memberId);
      return next;
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) {
      setTitleError(t('validation.required'));
      return;
    }
    setTitleError(undefined);
    const guestOwners = splitNames(guests);
    const onError = (error: unknown) => {
      const issues = issuesFromApiError(error);
      const first = Object.values(issues)[0];
      setMessage({
        tone: 'danger',
        text: first ? (issueMessage(first) ?? errorMessage(error)) : errorMessage(error),
      });
    };
    if (action) {
      patch.mutate(
        {
          id: action.id,
          patch: {
            title: title.trim(),
            dueOn: dueOn || null,
            ...(canChangeOwners && { ownerIds: [...chosen], guestOwners }),
          },
        },
        { onSuccess: () => onDone?.(), onError },
      );
      return;
    }
    create.mutate(
      {
        title: title.trim(),
        ownerIds: chosen.size ? [...chosen] : undefined,
        guestOwners: guestOwners.length ? guestOwners : undefined,
        dueOn: dueOn || undefined,
      },
      {
        onSuccess: () => {
          setMessage({ tone: 'success', text: t('actions.form.added', { title: title.trim() }) });
          setTitle('');
          setChosen(new Set());
          setGuests('');
          setDueOn('');
        },
        onError,
      },
    );
  }

  return (
    <form
      className={`${formStyles.form} ${styles.form}`}
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`} className={styles.heading}>
        {action ? t('actions.form.editTitle', { title: action.title }) : t('actions.form.title')}
      </h3>
      <TextField
        label={t('actions.form.what')}
        value={title}
        onChange={setTitle}
        errorMessage={titleError}
        isRequired
      />
      {canChangeOwners && inCircle.length ? (
        <OwnerChoices members={inCircle} chosen={chosen} onToggle={toggle} />
      ) : null}
      <div className={formStyles.row}>
        {canChangeOwners ? (
          <TextField
            label={t('actions.form.guests')}
            description={t('actions.form.guestsHint')}
            value={guests}
            onChange={setGuests}
            isOptional
          />
        ) : null}
        <TextField label={t('actions.form.dueOn')} type="date" value={dueOn} onChange={setDueOn} isOptional />
      </div>
      <FormStatus message={message} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={isPending}>
          {action ? t('actions.form.save') : t('actions.form.submit')}
        </Button>
        {action ? (
          <Button variant="ghost" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
