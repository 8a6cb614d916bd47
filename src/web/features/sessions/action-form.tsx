import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CircleMember } from '../../../contract/circle.ts';
import { Button } from '../../components/button.tsx';
import fieldStyles from '../../components/field.module.css';
import formStyles from '../../components/form.module.css';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { issuesFromApiError, useIssueMessage } from '../../lib/form-validation.ts';
import { useCircleMembers } from '../circles/circle-members-api.ts';
import { useCreateAction } from './action-api.ts';
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

/** "Ajouter un prochain pas": title, owners among the circle's members or guests, due date. */
export function ActionForm({ sessionId, circleId }: { sessionId: string; circleId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const errorMessage = useErrorMessage();
  const issueMessage = useIssueMessage();
  const create = useCreateAction(sessionId);
  const members = useCircleMembers(circleId);
  const [title, setTitle] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [guests, setGuests] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [titleError, setTitleError] = useState<string | undefined>();
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const inCircle = members.data?.filter((m) => m.status === 'member') ?? [];

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
        onError: (error) => {
          const issues = issuesFromApiError(error);
          const first = Object.values(issues)[0];
          setMessage({
            tone: 'danger',
            text: first ? (issueMessage(first) ?? errorMessage(error)) : errorMessage(error),
          });
        },
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
        {t('actions.form.title')}
      </h3>
      <TextField
        label={t('actions.form.what')}
        value={title}
        onChange={setTitle}
        errorMessage={titleError}
        isRequired
      />
      {inCircle.length ? <OwnerChoices members={inCircle} chosen={chosen} onToggle={toggle} /> : null}
      <div className={formStyles.row}>
        <TextField
          label={t('actions.form.guests')}
          description={t('actions.form.guestsHint')}
          value={guests}
          onChange={setGuests}
          isOptional
        />
        <TextField label={t('actions.form.dueOn')} type="date" value={dueOn} onChange={setDueOn} isOptional />
      </div>
      <FormStatus message={message} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={create.isPending}>
          {t('actions.form.submit')}
        </Button>
      </div>
    </form>
  );
}
