import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board, BoardPatch } from '../../../contract/board.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { useErrorMessage } from '../../lib/error-message.ts';
import { usePatchBoard } from './board-api.ts';
import styles from './boards.module.css';
import { LegendEditor, type LegendRow, legendRow, removedCategories } from './legend-editor.tsx';

/**
 * "Modifier le tableau", for the board's stewards: its title, its legend (add, rename, recolour,
 * explain, reorder, remove) and its dots. Removing a category asks first: its post-its stay,
 * without a category.
 */
export function EditBoardDialog({ board, onClose }: { board: Board; onClose: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const patch = usePatchBoard(board.id);
  const [title, setTitle] = useState(board.title);
  const [legend, setLegend] = useState<LegendRow[]>(() =>
    board.categories.map((category) => legendRow({ ...category })),
  );
  const [dots, setDots] = useState(String(board.dotsPerParticipant));
  const [maxPerNote, setMaxPerNote] = useState(
    board.maxDotsPerNote === null ? '' : String(board.maxDotsPerNote),
  );
  const [titleError, setTitleError] = useState<string>();
  const [dotsError, setDotsError] = useState<string>();
  const [maxError, setMaxError] = useState<string>();
  const [showEmptyNames, setShowEmptyNames] = useState(false);
  const [isConfirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const removed = removedCategories(board, legend);
  const removedIds = new Set(removed.map((category) => category.id));
  const orphaned = board.notes.filter((note) => note.categoryId && removedIds.has(note.categoryId)).length;

  useEffect(() => {
    if (isConfirming) confirmButton.current?.focus();
  }, [isConfirming]);

  function validate(): BoardPatch | null {
    const budget = Number(dots);
    const perNote = maxPerNote.trim() === '' ? null : Number(maxPerNote);
    const titleProblem = title.trim() ? undefined : t('validation.required');
    const dotsProblem =
      Number.isInteger(budget) && budget >= 0 && budget <= 100 && dots.trim() !== ''
        ? undefined
        : t('boards.edit.invalid');
    const maxProblem =
      perNote === null
        ? undefined
        : !Number.isInteger(perNote) || perNote < 1 || perNote > 100
          ? t('boards.edit.invalid')
          : perNote > budget
            ? t('boards.edit.maxPerNoteTooHigh')
            : undefined;
    const emptyName = legend.some((row) => !row.name.trim());
    setTitleError(titleProblem);
    setDotsError(dotsProblem);
    setMaxError(maxProblem);
    setShowEmptyNames(emptyName);
    if (titleProblem || dotsProblem || maxProblem || emptyName) {
      setMessage({ tone: 'danger', text: emptyName ? t('boards.edit.emptyName') : t('boards.edit.invalid') });
      return null;
    }
    return {
      title: title.trim(),
      categories: legend.map((row) => ({
        ...(row.id ? { id: row.id } : {}),
        name: row.name.trim(),
        color: row.color,
        meaning: row.meaning.trim(),
      })),
      dotsPerParticipant: budget,
      maxDotsPerNote: perNote,
    };
  }

  function explain(error: unknown): string {
    if (!(error instanceof ApiError)) return errorMessage(error);
    if (error.code === 'FORBIDDEN') return t('boards.edit.forbidden');
    if (error.code === 'NOT_FOUND') return t('boards.edit.notFound');
    if (error.code === 'INVALID_INPUT') {
      if (error.fieldIssues.some((issue) => issue.path.includes('maxDotsPerNote')))
        setMaxError(t('boards.edit.maxPerNoteTooHigh'));
      return t('boards.edit.invalid');
    }
    return errorMessage(error);
  }

  function save(close: () => void) {
    const input = validate();
    if (!input) {
      setConfirming(false);
      return;
    }
    setMessage(null);
    patch.mutate(input, {
      onSuccess: close,
      onError: (error) => {
        setConfirming(false);
        setMessage({ tone: 'danger', text: explain(error) });
      },
    });
  }

  return (
    <Dialog title={t('boards.edit.title')} onClose={onClose}>
      {(close) => (
        <form
          className={formStyles.form}
          noValidate
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            if (removed.length > 0 && !isConfirming) {
              if (validate()) setConfirming(true);
              return;
            }
            save(close);
          }}
        >
          <TextField
            label={t('boards.edit.name')}
            value={title}
            onChange={setTitle}
            errorMessage={titleError}
            isRequired
          />
          <LegendEditor
            rows={legend}
            onChange={(rows) => {
              setLegend(rows);
              setConfirming(false);
            }}
            showEmptyNames={showEmptyNames}
          />
          <div className={formStyles.row}>
            <TextField
              label={t('boards.create.dots')}
              description={t('boards.edit.dotsHint')}
              type="number"
              inputMode="numeric"
              value={dots}
              onChange={(value) => {
                setDots(value);
                setDotsError(undefined);
                setMaxError(undefined);
                setMessage(null);
              }}
              errorMessage={dotsError}
            />
            <TextField
              label={t('boards.create.maxPerNote')}
              description={t('boards.create.maxPerNoteHint')}
              type="number"
              inputMode="numeric"
              value={maxPerNote}
              onChange={(value) => {
                setMaxPerNote(value);
                setMaxError(undefined);
                setMessage(null);
              }}
              errorMessage={maxError}
              isOptional
            />
          </div>
          <FormStatus message={message} />
          {isConfirming ? (
            <div className={styles.confirmRemove} role="alert">
              <p>
                {t('boards.edit.confirmRemove', {
                  count: removed.length,
                  names: removed.map((category) => `« ${category.name} »`).join(', '),
                })}{' '}
                {t('boards.edit.confirmNotes', { count: orphaned })}
              </p>
              <div className={formStyles.actions}>
                <Button variant="secondary" onClick={() => setConfirming(false)}>
                  {t('boards.edit.back')}
                </Button>
                <Button ref={confirmButton} type="submit" variant="danger" isPending={patch.isPending}>
                  {t('boards.edit.confirm')}
                </Button>
              </div>
            </div>
          ) : (
            <div className={formStyles.actions}>
              <Button type="submit" isPending={patch.isPending}>
                {t('boards.edit.submit')}
              </Button>
            </div>
          )}
        </form>
      )}
    </Dialog>
  );
}
