import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CircleMember } from '../../../contract/circle.ts';
import type { Action } from '../../../contract/session.ts';
import { Button } from '../../components/button.tsx';
import fieldStyles from '../../components/field.module.css';
import formStyles from '../../components/form.module.css';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useUnsavedChanges } from '../../components/unsaved-changes.tsx';
import { sessionSchemas } from '../../lib/contract-schemas.ts';
import { useContractForm } from '../../lib/use-contract-form.ts';
import { useCircleMembers } from '../circles/circle-members-api.ts';
import { useCreateAction, usePatchAction } from './action-api.ts';
import styles from './action-form.module.css';

const loadCreateSchema = () => sessionSchemas().then((m) => m.actionCreateSchema);
const loadPatchSchema = () => sessionSchemas().then((m) => m.actionPatchSchema);

interface Values {
  title: string;
  ownerIds: string[];
  /** Guest owners typed as one text. */
  guests: string;
  dueOn: string;
}

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
  const create = useCreateAction(sessionId);
  const patch = usePatchAction();
  const members = useCircleMembers(circleId);
  const [saved, setSaved] = useState<FormStatusMessage | null>(null);
  const initial = (): Values => ({
    title: action?.title ?? '',
    ownerIds: action?.owners.flatMap((owner) => (owner.userId ? [owner.userId] : [])) ?? [],
    guests:
      action?.owners
        .filter((owner) => owner.userId === null)
        .map((owner) => owner.name)
        .join(', ') ?? '',
    dueOn: action?.dueOn ?? '',
  });
  // One schema per mode, both declared (hooks cannot depend on a branch); only the mode's own runs.
  const adding = useContractForm({
    schema: loadCreateSchema,
    initialValues: initial,
    toInput: (values: Values) => {
      const guestOwners = splitNames(values.guests);
      return {
        title: values.title.trim(),
        ownerIds: values.ownerIds.length ? values.ownerIds : undefined,
        guestOwners: guestOwners.length ? guestOwners : undefined,
        dueOn: values.dueOn || undefined,
      };
    },
    serverError: create.error,
    onValid: (input) => {
      setSaved(null);
      create.mutate(input, {
        onSuccess: () => {
          setSaved({ tone: 'success', text: t('actions.form.added', { title: input.title }) });
          adding.reset();
        },
      });
    },
  });
  const editing = useContractForm({
    schema: loadPatchSchema,
    initialValues: initial,
    toInput: (values: Values) => ({
      title: values.title.trim(),
      dueOn: values.dueOn || null,
      ...(canChangeOwners && { ownerIds: values.ownerIds, guestOwners: splitNames(values.guests) }),
    }),
    serverError: patch.error,
    onValid: (input) =>
      action ? patch.mutate({ id: action.id, patch: input }, { onSuccess: () => onDone?.() }) : undefined,
  });
  const form = action ? editing : adding;
  const { values, setValue } = form;
  const chosen = new Set(values.ownerIds);
  const inCircle = members.data?.filter((m) => m.status === 'member') ?? [];
  const isPending = create.isPending || patch.isPending;
  useUnsavedChanges(
    action
      ? values.title !== action.title || values.dueOn !== (action.dueOn ?? '')
      : values.title.trim() !== '' || values.guests.trim() !== '' || values.dueOn !== '',
  );
  const toggle = (memberId: string) =>
    setValue(
      'ownerIds',
      chosen.has(memberId) ? values.ownerIds.filter((o) => o !== memberId) : [...values.ownerIds, memberId],
    );

  return (
    <form className={`${formStyles.form} ${styles.form}`} {...form.formProps} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className={styles.heading}>
        {action ? t('actions.form.editTitle', { title: action.title }) : t('actions.form.title')}
      </h3>
      <TextField label={t('actions.form.what')} {...form.text('title')} />
      {canChangeOwners && inCircle.length ? (
        <OwnerChoices members={inCircle} chosen={chosen} onToggle={toggle} />
      ) : null}
      <div className={formStyles.row}>
        {canChangeOwners ? (
          <TextField
            label={t('actions.form.guests')}
            description={t('actions.form.guestsHint')}
            {...form.text('guests')}
            errorMessage={form.error('guestOwners')}
            isOptional
          />
        ) : null}
        <TextField label={t('actions.form.dueOn')} type="date" {...form.text('dueOn')} isOptional />
      </div>
      <FormStatus message={form.formMessage ? { tone: 'danger', text: form.formMessage } : saved} />
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
