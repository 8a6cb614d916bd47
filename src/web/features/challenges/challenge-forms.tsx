import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChallengeDto } from '../../../contract/challenge.ts';
import { Button } from '../../components/button.tsx';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useCommunityMembers } from '../communities/community-members-api.ts';
import { useAddTeam, useCreateChallenge, usePatchChallenge } from './challenge-api.ts';
import styles from './challenges.module.css';

/** A form's outcome line, from a mutation's success text or its error. */
function useOutcome() {
  const errorMessage = useErrorMessage();
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  return {
    message,
    success: (text: string) => setMessage({ tone: 'success', text }),
    failure: (error: unknown) => setMessage({ tone: 'danger', text: errorMessage(error) }),
  };
}

/** The community's active members as checkboxes: who carries the challenge. */
function CarrierPicker({
  communitySlug,
  selected,
  onChange,
}: {
  communitySlug: string;
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const members = useCommunityMembers(communitySlug, true);
  const active = (members.data ?? []).filter((member) => member.status === 'active');
  if (active.length === 0) return null;
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>{t('challenges.create.carriers')}</legend>
      <p className={styles.muted}>{t('challenges.create.carriersHelp')}</p>
      <div className={styles.checks}>
        {active.map((member) => (
          <label key={member.id} className={styles.check}>
            <input
              type="checkbox"
              checked={selected.includes(member.id)}
              onChange={(event) =>
                onChange(
                  event.target.checked ? [...selected, member.id] : selected.filter((id) => id !== member.id),
                )
              }
            />
            {member.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Organisers propose a challenge: its question, presentation, carriers and team size. */
export function NewChallengeForm({ eventId, communitySlug }: { eventId: string; communitySlug?: string }) {
  const { t } = useTranslation();
  const create = useCreateChallenge(eventId);
  const outcome = useOutcome();
  const [question, setQuestion] = useState('');
  const [description, setDescription] = useState('');
  const [capacity, setCapacity] = useState('');
  const [carrierIds, setCarrierIds] = useState<string[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const teamCapacity = capacity.trim() ? Number(capacity) : undefined;
    create.mutate(
      { question, description, carrierIds, ...(teamCapacity !== undefined && { teamCapacity }) },
      {
        onSuccess: () => {
          setQuestion('');
          setDescription('');
          setCapacity('');
          setCarrierIds([]);
          outcome.success(t('challenges.create.created'));
        },
        onError: outcome.failure,
      },
    );
  };
  return (
    <form className={styles.form} onSubmit={submit}>
      <h3 className={styles.formTitle}>{t('challenges.create.title')}</h3>
      <TextField label={t('challenges.create.question')} value={question} onChange={setQuestion} isRequired />
      <TextField
        label={t('challenges.create.description')}
        value={description}
        onChange={setDescription}
        multiline
        rows={3}
        isOptional
      />
      {communitySlug ? (
        <CarrierPicker communitySlug={communitySlug} selected={carrierIds} onChange={setCarrierIds} />
      ) : null}
      <TextField
        label={t('challenges.create.teamCapacity')}
        description={t('challenges.create.teamCapacityHelp')}
        value={capacity}
        onChange={setCapacity}
        type="number"
        min={1}
        isOptional
      />
      <div className={styles.row}>
        <Button type="submit" isPending={create.isPending}>
          {t('challenges.create.submit')}
        </Button>
      </div>
      <FormStatus message={outcome.message} />
    </form>
  );
}

/** Carriers and organisers write what came of the challenge (Markdown). */
export function OutcomeForm({ challenge }: { challenge: ChallengeDto }) {
  const { t } = useTranslation();
  const patch = usePatchChallenge(challenge.eventId, challenge.id);
  const outcome = useOutcome();
  const [text, setText] = useState(challenge.outcome ?? '');
  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        patch.mutate(
          { outcome: text.trim() ? text : null },
          { onSuccess: () => outcome.success(t('challenges.outcome.saved')), onError: outcome.failure },
        );
      }}
    >
      <TextField
        label={t('challenges.outcome.label')}
        description={t('challenges.outcome.help')}
        value={text}
        onChange={setText}
        multiline
        rows={4}
      />
      <div className={styles.row}>
        <Button type="submit" variant="secondary" isPending={patch.isPending}>
          {t('challenges.outcome.save')}
        </Button>
      </div>
      <FormStatus message={outcome.message} />
    </form>
  );
}

/** Carriers and organisers open a named team. */
export function AddTeamForm({ challenge }: { challenge: ChallengeDto }) {
  const { t } = useTranslation();
  const add = useAddTeam(challenge.eventId, challenge.id);
  const outcome = useOutcome();
  const [name, setName] = useState('');
  return (
    <form
      className={styles.inline}
      onSubmit={(event) => {
        event.preventDefault();
        add.mutate(name, {
          onSuccess: () => setName(''),
          onError: outcome.failure,
        });
      }}
    >
      <div className={styles.grow}>
        <TextField label={t('challenges.teams.newName')} value={name} onChange={setName} isRequired />
      </div>
      <Button type="submit" variant="secondary" isPending={add.isPending}>
        {t('challenges.teams.add')}
      </Button>
      <FormStatus message={outcome.message} />
    </form>
  );
}
