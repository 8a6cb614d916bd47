import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board } from '../../../contract/board.ts';
import { NOTE_TEXT_MAX } from '../../../domain/board.ts';
import { Button } from '../../components/button.tsx';
import fieldStyles from '../../components/field.module.css';
import { useAddNote } from './board-api.ts';
import styles from './boards.module.css';
import { categoryChoice } from './category-choice.ts';

/** "Ajouter un post-it": plain text (line breaks kept) in a category of the legend. */
export function AddNoteForm({
  board,
  onFail,
  placeOnWall,
}: {
  board: Board;
  onFail: (error: unknown) => void;
  /** On the wall: where the new post-it goes (the middle of the view). */
  placeOnWall?: () => { wallX: number; wallY: number };
}) {
  const { t } = useTranslation();
  const id = useId();
  const add = useAddNote(board.id);
  const [text, setText] = useState('');
  const [picked, setPicked] = useState(board.categories[0]?.id ?? '');
  const categoryId = categoryChoice(board.categories, picked);
  const [error, setError] = useState<string>();

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!text.trim()) {
      setError(t('validation.required'));
      return;
    }
    setError(undefined);
    add.mutate(
      { text, categoryId, ...placeOnWall?.() },
      {
        onSuccess: () => setText(''),
        onError: onFail,
      },
    );
  }

  return (
    <form className={styles.addNote} onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className={styles.addTitle}>
        {t('boards.add.title')}
      </h2>
      <div className={fieldStyles.field}>
        <label className={fieldStyles.label} htmlFor={`${id}-text`}>
          {t('boards.add.text')}
        </label>
        <p id={`${id}-hint`} className={fieldStyles.description}>
          {board.silent ? t('boards.add.silentHint') : t('boards.add.hint')}
        </p>
        <textarea
          id={`${id}-text`}
          className={fieldStyles.input}
          value={text}
          rows={3}
          maxLength={NOTE_TEXT_MAX}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
          }}
        />
        {error ? (
          <p id={`${id}-error`} className={fieldStyles.error}>
            {error}
          </p>
        ) : null}
      </div>
      {board.categories.length ? (
        <div className={fieldStyles.field}>
          <label className={fieldStyles.label} htmlFor={`${id}-category`}>
            {t('boards.add.category')}
          </label>
          <select
            id={`${id}-category`}
            className={fieldStyles.input}
            value={categoryId ?? ''}
            onChange={(event) => setPicked(event.target.value)}
          >
            {board.categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.meaning
                  ? t('boards.add.categoryOption', { name: category.name, meaning: category.meaning })
                  : category.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div>
        <Button type="submit" isPending={add.isPending}>
          {t('boards.add.submit')}
        </Button>
      </div>
    </form>
  );
}
