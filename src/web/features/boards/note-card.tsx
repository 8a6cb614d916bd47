import { type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board, BoardNote } from '../../../contract/board.ts';
import { effectiveMaxPerNote } from '../../../domain/board.ts';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { GuestBadge } from '../guests/guest-badge.tsx';
import { usePatchNote, usePutDots } from './board-api.ts';
import styles from './boards.module.css';
import { CategorySwatch, colorClass, edgeClass } from './category-swatch.tsx';

export type NoteMove = 'up' | 'down' | 'left' | 'right';

export interface NoteCardProps {
  board: Board;
  note: BoardNote;
  onMove: (note: BoardNote, move: NoteMove) => void;
  onDelete: (note: BoardNote) => void;
  onMakeAction: (note: BoardNote) => void;
  onFail: (error: unknown) => void;
}

const moves: Record<string, NoteMove> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};

function NoteDots({ board, note, onFail }: Pick<NoteCardProps, 'board' | 'note' | 'onFail'>) {
  const { t } = useTranslation();
  const putDots = usePutDots(board.id);
  const max = effectiveMaxPerNote(board.dotsPerParticipant, board.maxDotsPerNote);
  const left = board.dotsPerParticipant - board.myDotsUsed;
  const set = (count: number) => putDots.mutate({ noteId: note.id, count }, { onError: onFail });
  if (board.dotsPerParticipant === 0) return null;
  return (
    <div className={styles.dots}>
      <span>
        {note.dots === null ? t('boards.dots.hiddenTotal') : t('boards.dots.total', { count: note.dots })}
      </span>
      {board.isVotingOpen && !note.private ? (
        <span className={styles.dotControls}>
          <Button
            variant="ghost"
            size="sm"
            aria-label={t('boards.dots.remove', { text: note.text.slice(0, 40) })}
            disabled={note.myDots === 0}
            onClick={() => set(note.myDots - 1)}
          >
            −
          </Button>
          <span className={styles.myDots} aria-live="polite">
            {t('boards.dots.mine', { count: note.myDots })}
          </span>
          <Button
            variant="ghost"
            size="sm"
            aria-label={t('boards.dots.add', { text: note.text.slice(0, 40) })}
            disabled={note.myDots >= max || left <= 0 || note.hidden}
            onClick={() => set(note.myDots + 1)}
          >
            +
          </Button>
        </span>
      ) : note.myDots > 0 ? (
        <span>{t('boards.dots.mine', { count: note.myDots })}</span>
      ) : null}
    </div>
  );
}

function NoteEditor({
  board,
  note,
  onDone,
  onFail,
}: {
  board: Board;
  note: BoardNote;
  onDone: () => void;
  onFail: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const patch = usePatchNote(board.id);
  const [text, setText] = useState(note.text);
  return (
    <form
      className={styles.noteEditor}
      onSubmit={(event) => {
        event.preventDefault();
        if (!text.trim()) return;
        patch.mutate({ noteId: note.id, patch: { text } }, { onSuccess: onDone, onError: onFail });
      }}
    >
      <label className={styles.visuallyHiddenLabel} htmlFor={`edit-${note.id}`}>
        {t('boards.note.editLabel')}
      </label>
      <textarea
        id={`edit-${note.id}`}
        value={text}
        maxLength={2000}
        rows={3}
        onChange={(e) => setText(e.target.value)}
      />
      <div className={styles.noteButtons}>
        <Button type="submit" size="sm" isPending={patch.isPending}>
          {t('boards.note.save')}
        </Button>
        <Button variant="ghost" size="sm" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

/**
 * One post-it. Focus it and use the arrow keys to move it (up/down in its column; left/right to
 * the next category, for its author); the "Regrouper" menu puts it in a cluster.
 */
export function NoteCard({ board, note, onMove, onDelete, onMakeAction, onFail }: NoteCardProps) {
  const { t } = useTranslation();
  const patch = usePatchNote(board.id);
  const [isEditing, setEditing] = useState(false);
  const category = board.categories.find((c) => c.id === note.categoryId);
  const cluster = board.clusters.find((c) => c.id === note.clusterId);
  const canWrite = board.abilities.takePart;

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.target !== event.currentTarget) return;
    const move = moves[event.key];
    if (!move || !canWrite) return;
    event.preventDefault();
    onMove(note, move);
  }

  return (
    <li
      className={`${styles.note} ${edgeClass} ${colorClass(category?.color)} ${note.hidden ? styles.hiddenNote : ''}`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a post-it takes focus so the arrow keys can move it.
      tabIndex={0}
      data-note-id={note.id}
      aria-label={t('boards.note.label', {
        category: category?.name ?? t('boards.legend.none'),
        text: note.text,
      })}
      aria-describedby="board-keyboard-help"
      onKeyDown={onKeyDown}
    >
      <div className={styles.noteHead}>
        <CategorySwatch color={category?.color ?? null} />
        <span className={styles.noteCategory}>{category?.name ?? t('boards.legend.none')}</span>
        {note.private ? <Badge tone="accent">{t('boards.note.private')}</Badge> : null}
        {note.hidden ? <Badge tone="warning">{t('boards.note.hidden')}</Badge> : null}
        {note.actionId ? <Badge tone="success">{t('boards.note.isAction')}</Badge> : null}
      </div>
      {isEditing ? (
        <NoteEditor board={board} note={note} onDone={() => setEditing(false)} onFail={onFail} />
      ) : (
        <p className={styles.noteText}>{note.text}</p>
      )}
      <p className={styles.noteAuthor}>
        {note.isMine ? t('boards.note.byMe') : note.author ? note.author.name : t('boards.note.anonymous')}{' '}
        <GuestBadge sessionId={board.sessionId} userId={note.author?.id} />
      </p>
      <NoteDots board={board} note={note} onFail={onFail} />
      {cluster ? (
        <p className={styles.clusterTag}>{t('boards.clusters.tag', { title: cluster.title })}</p>
      ) : null}
      {!isEditing ? (
        <details className={styles.noteMenu}>
          <summary>{t('boards.note.options')}</summary>
          <div className={styles.noteButtons}>
            {canWrite && !note.private && board.clusters.length > 0 ? (
              <label className={styles.clusterPick}>
                <span>{t('boards.clusters.pick')}</span>
                <select
                  value={note.clusterId ?? ''}
                  onChange={(event) =>
                    patch.mutate(
                      { noteId: note.id, patch: { clusterId: event.target.value || null } },
                      { onError: onFail },
                    )
                  }
                >
                  <option value="">{t('boards.clusters.none')}</option>
                  {board.clusters.map((option) => (
                    <option key={option.id} value={option.id}>
                      {option.title}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            {note.isMine && canWrite ? (
              <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>
                {t('boards.note.edit')}
              </Button>
            ) : null}
            {(note.isMine && canWrite) || board.abilities.steer ? (
              <Button variant="ghost" size="sm" onClick={() => onDelete(note)}>
                {t('boards.note.delete')}
              </Button>
            ) : null}
            {board.abilities.steer ? (
              <Button
                variant="ghost"
                size="sm"
                onClick={() =>
                  patch.mutate({ noteId: note.id, patch: { hidden: !note.hidden } }, { onError: onFail })
                }
              >
                {note.hidden ? t('boards.note.show') : t('boards.note.hide')}
              </Button>
            ) : null}
            {!note.actionId && !note.private && !note.hidden && canWrite ? (
              <Button variant="ghost" size="sm" onClick={() => onMakeAction(note)}>
                {t('boards.note.toAction')}
              </Button>
            ) : null}
          </div>
        </details>
      ) : null}
    </li>
  );
}
