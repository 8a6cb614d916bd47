import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Board } from '../../../contract/board.ts';
import { Button } from '../../components/button.tsx';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { LazyDialogButton } from '../../components/lazy-dialog-button.tsx';
import { lazyNamed } from '../../lib/lazy-named.ts';
import { useDeleteBoard, usePatchBoard, useReveal } from './board-api.ts';
import styles from './boards.module.css';

const timerMinutes = [2, 5, 10, 15, 30] as const;

// The title, legend and dots form downloads when a facilitator first opens it.
const editBoardDialog = lazyNamed(() => import('./edit-board-dialog.tsx'), 'EditBoardDialog');

/** What the board's facilitators steer: lock, silent brainstorm and its reveal, dots, the timer. */
export function FacilitatorBar({ board, onFail }: { board: Board; onFail: (error: unknown) => void }) {
  const { t, i18n } = useTranslation();
  const patch = usePatchBoard(board.id);
  const reveal = useReveal(board.id);
  const [minutes, setMinutes] = useState<number>(5);
  const change = (value: Parameters<typeof patch.mutate>[0]) => patch.mutate(value, { onError: onFail });
  const closesAt = board.votingClosesAt
    ? new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(new Date(board.votingClosesAt))
    : null;
  return (
    <section className={styles.facilitation} aria-label={t('boards.facilitation.title')}>
      <h2 className={styles.facilitationTitle}>{t('boards.facilitation.title')}</h2>
      <div className={styles.facilitationRow}>
        <LazyDialogButton
          variant="secondary"
          size="sm"
          label={t('boards.edit.open')}
          preload={editBoardDialog.preload}
        >
          {(close) => <editBoardDialog.Component board={board} onClose={close} />}
        </LazyDialogButton>
        <Button variant="secondary" size="sm" onClick={() => change({ locked: !board.locked })}>
          {board.locked ? t('boards.facilitation.unlock') : t('boards.facilitation.lock')}
        </Button>
        {board.silent || board.privateNoteCount > 0 ? (
          <Button
            size="sm"
            isPending={reveal.isPending}
            onClick={() => reveal.mutate('notes', { onError: onFail })}
          >
            {t('boards.facilitation.revealNotes', {
              count: board.privateNoteCount + board.notes.filter((n) => n.private).length,
            })}
          </Button>
        ) : (
          <Button variant="secondary" size="sm" onClick={() => change({ silent: true })}>
            {t('boards.facilitation.startSilent')}
          </Button>
        )}
        {board.hideDots && !board.dotsRevealed ? (
          <Button size="sm" onClick={() => reveal.mutate('dots', { onError: onFail })}>
            {t('boards.facilitation.revealDots')}
          </Button>
        ) : null}
        {!board.hideDots ? (
          <Button variant="secondary" size="sm" onClick={() => change({ hideDots: true })}>
            {t('boards.facilitation.hideDots')}
          </Button>
        ) : null}
      </div>
      <div className={styles.facilitationRow}>
        <label className={styles.inlineField}>
          <span>{t('boards.facilitation.timerLabel')}</span>
          <select value={minutes} onChange={(event) => setMinutes(Number(event.target.value))}>
            {timerMinutes.map((value) => (
              <option key={value} value={value}>
                {t('boards.facilitation.minutes', { count: value })}
              </option>
            ))}
          </select>
        </label>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => change({ votingClosesAt: new Date(Date.now() + minutes * 60_000).toISOString() })}
        >
          {t('boards.facilitation.startTimer')}
        </Button>
        {board.votingClosesAt ? (
          <Button variant="ghost" size="sm" onClick={() => change({ votingClosesAt: null })}>
            {t('boards.facilitation.clearTimer')}
          </Button>
        ) : null}
        {closesAt ? (
          <span className={styles.muted}>
            {board.isVotingOpen ? t('boards.dots.closesAt', { time: closesAt }) : t('boards.dots.closed')}
          </span>
        ) : null}
      </div>
      <div className={styles.facilitationRow}>
        <DeleteBoardButton board={board} onFail={onFail} />
      </div>
    </section>
  );
}

/** Asks first, naming what goes with the board, then returns to the circle. */
function DeleteBoardButton({ board, onFail }: { board: Board; onFail: (error: unknown) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeleteBoard(board);
  return (
    <ConfirmButton
      size="sm"
      title={t('boards.delete.title')}
      message={t('boards.delete.message', {
        title: board.title,
        count: board.notes.length + board.privateNoteCount,
      })}
      confirmLabel={t('boards.delete.confirm')}
      isPending={remove.isPending}
      onConfirm={() =>
        remove.mutate(undefined, {
          onSuccess: () => navigate(`/circles/${encodeURIComponent(board.circleId)}`),
          onError: onFail,
        })
      }
    >
      {t('boards.delete.action')}
    </ConfirmButton>
  );
}
