import { useTranslation } from 'react-i18next';
import type { BoardNote } from '../../../contract/board.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import fieldStyles from '../../components/field.module.css';
import formStyles from '../../components/form.module.css';
import { FormProblem } from '../../components/form-problem.tsx';
import { TextField } from '../../components/text-field.tsx';
import { boardSchemas } from '../../lib/contract-schemas.ts';
import { useContractForm } from '../../lib/use-contract-form.ts';
import { useCircleMembers } from '../circles/circle-members-api.ts';
import { useNoteToAction } from './board-api.ts';
import styles from './boards.module.css';

const loadSchema = () => boardSchemas().then((m) => m.noteActionSchema);

interface Values {
  title: string;
  ownerIds: string[];
  dueOn: string;
}

/** "En faire une action": the post-it becomes a next step with owners and a due date. */
export function NoteActionDialog({
  boardId,
  circleId,
  note,
  onClose,
}: {
  boardId: string;
  circleId: string;
  note: BoardNote;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const members = useCircleMembers(circleId);
  const toAction = useNoteToAction(boardId);
  const form = useContractForm({
    schema: loadSchema,
    initialValues: (): Values => ({
      // By characters, never inside a surrogate pair (an emoji cut in half is refused).
      title: Array.from(note.text.replace(/\s+/g, ' ')).slice(0, 500).join(''),
      ownerIds: [],
      dueOn: '',
    }),
    toInput: (values: Values) => ({
      title: values.title.trim() || undefined,
      ownerIds: values.ownerIds.length ? values.ownerIds : undefined,
      dueOn: values.dueOn || undefined,
    }),
    serverError: toAction.error,
    onValid: (input) => toAction.mutate({ noteId: note.id, input }, { onSuccess: onClose }),
  });
  const owners = new Set(form.values.ownerIds);
  const inCircle = members.data?.filter((m) => m.status === 'member') ?? [];
  const toggleOwner = (id: string) =>
    form.setValue('ownerIds', owners.has(id) ? [...owners].filter((o) => o !== id) : [...owners, id]);

  return (
    <Dialog title={t('boards.action.title')} onClose={onClose}>
      {() => (
        <form className={formStyles.form} {...form.formProps}>
          <TextField label={t('boards.action.what')} {...form.text('title')} />
          {inCircle.length ? (
            <fieldset className={styles.owners}>
              <legend className={fieldStyles.label}>{t('boards.action.owners')}</legend>
              {inCircle.map((member) => (
                <label key={member.id}>
                  <input
                    type="checkbox"
                    checked={owners.has(member.id)}
                    onChange={() => toggleOwner(member.id)}
                  />{' '}
                  {member.name}
                </label>
              ))}
            </fieldset>
          ) : null}
          <TextField label={t('boards.action.dueOn')} type="date" {...form.text('dueOn')} isOptional />
          <FormProblem text={form.formMessage} />
          <div className={formStyles.actions}>
            <Button type="submit" isPending={toAction.isPending}>
              {t('boards.action.submit')}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
