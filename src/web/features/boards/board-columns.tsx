import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board, BoardCategory, BoardNote } from '../../../contract/board.ts';
import { usePatchNote } from './board-api.ts';
import styles from './boards.module.css';
import { CategorySwatch, colorClass } from './category-swatch.tsx';
import { NoteCard, type NoteMove } from './note-card.tsx';

interface Column {
  category: BoardCategory | null;
  notes: BoardNote[];
}

/** One column per category of the legend (and one for post-its without a category, if any). */
function columnsOf(board: Board): Column[] {
  const columns: Column[] = board.categories.map((category) => ({
    category,
    notes: board.notes.filter((note) => note.categoryId === category.id),
  }));
  const loose = board.notes.filter((note) => !board.categories.some((c) => c.id === note.categoryId));
  if (loose.length || columns.length === 0) columns.push({ category: null, notes: loose });
  return columns;
}

/** A y between two neighbours, so a move is one write; ties fall back on creation order. */
function between(before: number | undefined, after: number | undefined): number {
  if (before === undefined && after === undefined) return 0;
  if (before === undefined) return (after ?? 0) - 1024;
  if (after === undefined) return before + 1024;
  return Math.floor((before + after) / 2);
}

export interface BoardColumnsProps {
  board: Board;
  onDelete: (note: BoardNote) => void;
  onMakeAction: (note: BoardNote) => void;
  onFail: (error: unknown) => void;
  onAnnounce: (text: string) => void;
}

export function BoardColumns({ board, onDelete, onMakeAction, onFail, onAnnounce }: BoardColumnsProps) {
  const { t } = useTranslation();
  const patch = usePatchNote(board.id);
  const [focusId, setFocusId] = useState<string | null>(null);
  const columns = columnsOf(board);

  // A moved post-it may land in another column (a new element): focus follows it there. Only when
  // the move lost the focus: once the person is elsewhere (writing a post-it), it stays there.
  useEffect(() => {
    if (!focusId) return;
    const element = document.querySelector<HTMLElement>(`[data-note-id="${CSS.escape(focusId)}"]`);
    const active = document.activeElement;
    if (active && active !== document.body) {
      if (active !== element) setFocusId(null);
      return;
    }
    element?.focus();
  });

  // A deleted post-it takes the focus with it: once it is gone, its neighbour takes the focus.
  const afterDelete = useRef<{ deleted: string; next: string } | null>(null);
  useEffect(() => {
    const pending = afterDelete.current;
    if (!pending || document.querySelector(`[data-note-id="${CSS.escape(pending.deleted)}"]`)) return;
    afterDelete.current = null;
    if (document.activeElement && document.activeElement !== document.body) return;
    document.querySelector<HTMLElement>(`[data-note-id="${CSS.escape(pending.next)}"]`)?.focus();
  });

  function remove(note: BoardNote) {
    // The next post-it in reading order (down the column, then the next columns), else the one before.
    const inOrder = columns.flatMap((column) => column.notes);
    const index = inOrder.findIndex((n) => n.id === note.id);
    const next = inOrder[index + 1] ?? inOrder[index - 1];
    afterDelete.current = next ? { deleted: note.id, next: next.id } : null;
    onDelete(note);
  }

  function move(note: BoardNote, direction: NoteMove) {
    const columnIndex = columns.findIndex((column) => column.notes.some((n) => n.id === note.id));
    const column = columns[columnIndex];
    if (!column) return;
    const index = column.notes.findIndex((n) => n.id === note.id);
    setFocusId(note.id);
    if (direction === 'up' || direction === 'down') {
      const y =
        direction === 'up'
          ? between(column.notes[index - 2]?.y, column.notes[index - 1]?.y)
          : between(column.notes[index + 1]?.y, column.notes[index + 2]?.y);
      if ((direction === 'up' && index === 0) || (direction === 'down' && index === column.notes.length - 1))
        return;
      patch.mutate(
        { noteId: note.id, patch: { y } },
        {
          onSuccess: () => onAnnounce(t(direction === 'up' ? 'boards.move.up' : 'boards.move.down')),
          onError: onFail,
        },
      );
      return;
    }
    const target = columns[columnIndex + (direction === 'left' ? -1 : 1)];
    if (!target) return;
    if (!note.isMine) {
      onAnnounce(t('boards.move.authorOnly'));
      return;
    }
    patch.mutate(
      { noteId: note.id, patch: { categoryId: target.category?.id ?? null } },
      {
        onSuccess: () =>
          onAnnounce(t('boards.move.to', { category: target.category?.name ?? t('boards.legend.none') })),
        onError: onFail,
      },
    );
  }

  return (
    <div className={styles.columns}>
      {columns.map((column) => (
        <section
          key={column.category?.id ?? 'none'}
          className={`${styles.column} ${colorClass(column.category?.color)}`}
          aria-label={column.category?.name ?? t('boards.legend.none')}
        >
          <h3 className={styles.columnTitle}>
            <CategorySwatch color={column.category?.color ?? null} />
            <span>{column.category?.name ?? t('boards.legend.none')}</span>
            {column.category?.meaning ? (
              <span className={styles.muted}>{column.category.meaning}</span>
            ) : null}
          </h3>
          {column.notes.length ? (
            <ul className={styles.noteList}>
              {column.notes.map((note) => (
                <NoteCard
                  key={note.id}
                  board={board}
                  note={note}
                  onMove={move}
                  onDelete={remove}
                  onMakeAction={onMakeAction}
                  onFail={onFail}
                />
              ))}
            </ul>
          ) : (
            <p className={styles.muted}>{t('boards.column.empty')}</p>
          )}
        </section>
      ))}
    </div>
  );
}
