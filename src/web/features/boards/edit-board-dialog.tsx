import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board } from '../../../contract/board.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import formStyles from '../../components/form.module.css';
import { FormProblem } from '../../components/form-problem.tsx';
import { TextField } from '../../components/text-field.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { boardSchemas } from '../../lib/contract-schemas.ts';
import { numberFromText, useContractForm } from '../../lib/use-contract-form.ts';
import { usePatchBoard } from './board-api.ts';
import styles from './boards.module.css';
import { LegendEditor, type LegendRow, legendRow, removedCategories } from './legend-editor.tsx';

const loadSchema = () => boardSchemas().then((m) => m.boardPatchSchema);

interface Values {
  title: string;
  categories: LegendRow[];
  dotsPerParticipant: string;
  maxDotsPerNote: string;
}

function toInput(values: Values) {
  return {
    title: values.title,
    categories: values.categories.map((row) => ({
      ...(row.id ? { id: row.id } : {}),
      name: row.name.trim(),
      color: row.color,
      meaning: row.meaning.trim(),
    })),
    // A blank budget is no number (the contract then says so), not "leave it as it was".
    dotsPerParticipant: numberFromText(values.dotsPerParticipant, Number.NaN),
    maxDotsPerNote: numberFromText(values.maxDotsPerNote, null),
  };
}

/** The server's refusals this dialog can explain better than the general words. */
function useRefusal(error: unknown): string | undefined {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) return undefined;
  if (error.code === 'FORBIDDEN') return t('boards.edit.forbidden');
  if (error.code === 'NOT_FOUND') return t('boards.edit.notFound');
  return undefined;
}

/**
 * "Modifier le tableau", for the board's stewards: its title, its legend (add, rename, recolour,
 * explain, reorder, remove) and its dots. Removing a category asks first: its post-its stay,
 * without a category.
 */
export function EditBoardDialog({ board, onClose }: { board: Board; onClose: () => void }) {
  const { t } = useTranslation();
  const patch = usePatchBoard(board.id);
  const [isConfirming, setConfirming] = useState(false);
  const form = useContractForm({
    schema: loadSchema,
    initialValues: (): Values => ({
      title: board.title,
      categories: board.categories.map((category) => legendRow({ ...category })),
      dotsPerParticipant: String(board.dotsPerParticipant),
      maxDotsPerNote: board.maxDotsPerNote === null ? '' : String(board.maxDotsPerNote),
    }),
    toInput,
    messages: { maxDotsPerNote: 'boards.edit.maxPerNoteTooHigh' },
    serverError: patch.error,
    onValid: (input) => {
      if (removed.length > 0 && !isConfirming) {
        setConfirming(true);
        return;
      }
      patch.mutate(input, { onSuccess: onClose, onError: () => setConfirming(false) });
    },
  });
  const refusal = useRefusal(patch.error);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const legend = form.values.categories;
  const removed = removedCategories(board, legend);
  const removedIds = new Set(removed.map((category) => category.id));
  const orphaned = board.notes.filter((note) => note.categoryId && removedIds.has(note.categoryId)).length;
  const legendProblem = form.error('categories');
  const hasEmptyName = legendProblem !== undefined && legend.some((row) => !row.name.trim());

  useEffect(() => {
    if (isConfirming) confirmButton.current?.focus();
  }, [isConfirming]);

  return (
    <Dialog title={t('boards.edit.title')} onClose={onClose}>
      {() => (
        <form className={formStyles.form} {...form.formProps}>
          <TextField label={t('boards.edit.name')} {...form.text('title')} />
          <LegendEditor
            rows={legend}
            onChange={(rows) => {
              form.setValue('categories', rows);
              setConfirming(false);
            }}
            showEmptyNames={hasEmptyName}
          />
          <div className={formStyles.row}>
            <TextField
              label={t('boards.create.dots')}
              description={t('boards.edit.dotsHint')}
              type="number"
              inputMode="numeric"
              {...form.text('dotsPerParticipant')}
            />
            <TextField
              label={t('boards.create.maxPerNote')}
              description={t('boards.create.maxPerNoteHint')}
              type="number"
              inputMode="numeric"
              {...form.text('maxDotsPerNote')}
              isOptional
            />
          </div>
          <FormProblem
            text={
              refusal ?? (hasEmptyName ? t('boards.edit.emptyName') : (legendProblem ?? form.formMessage))
            }
          />
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
