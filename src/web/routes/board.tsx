import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Board, BoardNote } from '../../contract/board.ts';
import { dotsLeft } from '../../domain/board.ts';
import { Badge } from '../components/badge.tsx';
import { FormStatus, type FormStatusMessage } from '../components/form-status.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Tabs } from '../components/tabs.tsx';
import { AddNoteForm } from '../features/boards/add-note-form.tsx';
import { boardKeys, useBoard, useDeleteNote } from '../features/boards/board-api.ts';
import { BoardClusters } from '../features/boards/board-clusters.tsx';
import { BoardColumns } from '../features/boards/board-columns.tsx';
import { BoardLegend } from '../features/boards/board-legend.tsx';
import { BoardResults } from '../features/boards/board-results.tsx';
import { BoardWall } from '../features/boards/board-wall.tsx';
import styles from '../features/boards/boards.module.css';
import { FacilitatorBar } from '../features/boards/facilitator-bar.tsx';
import { isNotFound, useErrorMessage } from '../lib/error-message.ts';
import { lazyNamed } from '../lib/lazy-named.ts';
import { NotFoundPage } from './not-found.tsx';

// The action form (react-aria fields) downloads when someone first makes a post-it an action.
const noteActionDialog = lazyNamed(
  () => import('../features/boards/note-action-dialog.tsx'),
  'NoteActionDialog',
);

function BoardStatus({ board, presence }: { board: Board; presence: number | null }) {
  const { t } = useTranslation();
  return (
    <>
      {presence !== null ? <Badge tone="primary">{t('boards.presence', { count: presence })}</Badge> : null}
      {board.locked ? <Badge tone="warning">{t('boards.state.locked')}</Badge> : null}
      {board.silent ? <Badge tone="accent">{t('boards.state.silent')}</Badge> : null}
      {board.anonymous ? <Badge>{t('boards.state.anonymous')}</Badge> : null}
    </>
  );
}

/** When the voting timer runs out, the board is read again so that its controls close. */
function useTimerEnd(board: Board) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!board.votingClosesAt || !board.isVotingOpen) return;
    const left = Date.parse(board.votingClosesAt) - Date.now();
    const timer = setTimeout(
      () => void queryClient.invalidateQueries({ queryKey: boardKeys.detail(board.id) }),
      Math.max(0, Math.min(left + 250, 2_147_000_000)),
    );
    return () => clearTimeout(timer);
  }, [board.id, board.votingClosesAt, board.isVotingOpen, queryClient]);
}

function BoardView({
  board,
  presence,
  focusRequest,
}: {
  board: Board;
  presence: number | null;
  focusRequest: { zoneId: string; by: string; byId: string } | null;
}) {
  const { t, i18n } = useTranslation();
  useTimerEnd(board);
  const errorMessage = useErrorMessage();
  const remove = useDeleteNote(board.id);
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const [actionNote, setActionNote] = useState<BoardNote | null>(null);
  const onFail = (error: unknown) => setMessage({ tone: 'danger', text: errorMessage(error) });
  const onAnnounce = (text: string) => setMessage({ tone: 'info', text });
  const wallCentre = useRef<(() => { wallX: number; wallY: number }) | null>(null);

  const wallPanel = (
    <div className={styles.boardPanel}>
      <BoardWall
        board={board}
        onFail={onFail}
        onAnnounce={onAnnounce}
        focusRequest={focusRequest}
        centreRef={wallCentre}
      />
      {!board.locked ? (
        <AddNoteForm
          board={board}
          onFail={onFail}
          placeOnWall={() => wallCentre.current?.() ?? { wallX: 0, wallY: 0 }}
        />
      ) : null}
    </div>
  );

  const boardPanel = (
    <div className={styles.boardPanel}>
      {!board.locked ? <AddNoteForm board={board} onFail={onFail} /> : null}
      <p id="board-keyboard-help" className={styles.muted}>
        {t('boards.keyboardHelp')}
      </p>
      <BoardColumns
        board={board}
        onDelete={(note) =>
          remove.mutate(note.id, {
            onSuccess: () => onAnnounce(t('boards.note.deleted')),
            onError: onFail,
          })
        }
        onMakeAction={setActionNote}
        onFail={onFail}
        onAnnounce={onAnnounce}
      />
      <BoardClusters board={board} onFail={onFail} />
    </div>
  );

  return (
    <>
      <PageHeader
        eyebrow={
          <Link to={`/circles/${encodeURIComponent(board.circleId)}`}>{t('boards.backToCircle')}</Link>
        }
        title={board.title}
        meta={<BoardStatus board={board} presence={presence} />}
        description={
          board.sessionId ? (
            <Link to={`/sessions/${encodeURIComponent(board.sessionId)}`}>{t('boards.toSession')}</Link>
          ) : undefined
        }
      />
      <BoardLegend board={board} />
      {board.abilities.steer ? <FacilitatorBar board={board} onFail={onFail} /> : null}
      <div className={styles.statusRow}>
        {board.dotsPerParticipant > 0 ? (
          <p className={styles.budget}>
            {board.isVotingOpen
              ? t('boards.dots.left', { count: dotsLeft(board), total: board.dotsPerParticipant })
              : t('boards.dots.closed')}
            {board.isVotingOpen && board.votingClosesAt
              ? ` ${t('boards.dots.closesAt', {
                  time: new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(
                    new Date(board.votingClosesAt),
                  ),
                })}`
              : null}
          </p>
        ) : null}
        {board.privateNoteCount > 0 ? (
          <p className={styles.muted}>{t('boards.privateCount', { count: board.privateNoteCount })}</p>
        ) : null}
      </div>
      <FormStatus message={message} />
      <Tabs
        label={t('boards.tabs.label')}
        items={[
          { id: 'wall', label: t('boards.tabs.wall'), panel: wallPanel },
          { id: 'board', label: t('boards.tabs.board'), panel: boardPanel },
          { id: 'results', label: t('boards.tabs.results'), panel: <BoardResults board={board} /> },
        ]}
      />
      {actionNote ? (
        <Suspense fallback={null}>
          <noteActionDialog.Component
            boardId={board.id}
            circleId={board.circleId}
            note={actionNote}
            onClose={() => setActionNote(null)}
          />
        </Suspense>
      ) : null}
    </>
  );
}

export function BoardPage() {
  const { id = '' } = useParams();
  const [focusRequest, setFocusRequest] = useState<{ zoneId: string; by: string; byId: string } | null>(null);
  // A new object each time: the same zone twice still moves the view again.
  const { board, presence } = useBoard(id, (focus) => setFocusRequest({ ...focus }));
  if (board.isPending) return <LoadingState />;
  if (board.isError) {
    if (isNotFound(board.error)) return <NotFoundPage />;
    return <ErrorState error={board.error} onRetry={() => void board.refetch()} />;
  }
  return <BoardView board={board.data} presence={presence} focusRequest={focusRequest} />;
}
