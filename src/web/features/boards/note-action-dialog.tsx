import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardNote } from '../../../contract/board.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import fieldStyles from '../../components/field.module.css';
import formStyles from '../../components/form.module.css';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useCircleMembers } from '../circles/circle-members-api.ts';
import { useNoteToAction } from './board-api.ts';
import styles from './boards.module.css';

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
  const errorMessage = useErrorMessage();
  const members = useCircleMembers(circleId);
  const toAction = useNoteToAction(boardId);
  const [title, setTitle] = useState(() =>
    // By characters, never inside a surrogate pair (an emoji cut in half is refused).
    Array.from(note.text.replace(/\s+/g, ' ')).slice(0, 500).join(''),
  );
  const [owners, setOwners] = useState<Set<string>>(new Set());
  const [dueOn, setDueOn] = useState('');
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const inCircle = members.data?.filter((m) => m.status === 'member') ?? [];

  function submit(event: FormEvent, close: () => void) {
    event.preventDefault();
    toAction.mutate(
      {
        noteId: note.id,
        input: {
          title: title.trim() || undefined,
          ownerIds: owners.size ? [...owners] : undefined,
          dueOn: dueOn || undefined,
        },
      },
      { onSuccess: close, onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }) },
    );
  }

  return (
    <Dialog title={t('boards.action.title')} onClose={onClose}>
      {(close) => (
        <form className={formStyles.form} onSubmit={(event) => submit(event, close)} noValidate>
          <TextField label={t('boards.action.what')} value={title} onChange={setTitle} isRequired />
          {inCircle.length ? (
            <fieldset className={styles.owners}>
              <legend className={fieldStyles.label}>{t('boards.action.owners')}</legend>
              {inCircle.map((member) => (
                <label key={member.id}>
                  <input
                    type="checkbox"
                    checked={owners.has(member.id)}
                    onChange={() =>
                      setOwners((current) => {
                        const next = new Set(current);
                        if (next.has(member.id)) next.delete(member.id);
                        else next.add(member.id);
                        return next;
                      })
                    }
                  />{' '}
                  {member.name}
                </label>
              ))}
            </fieldset>
          ) : null}
          <TextField
            label={t('boards.action.dueOn')}
            type="date"
            value={dueOn}
            onChange={setDueOn}
            isOptional
          />
          <FormStatus message={message} />
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
