import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge } from '../../components/badge.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { LazyDialogButton } from '../../components/lazy-dialog-button.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { ShowMore } from '../../components/show-more.tsx';
import { errorCode } from '../../lib/error-message.ts';
import { lazyNamed } from '../../lib/lazy-named.ts';
import { useCircleBoards } from './board-api.ts';
import styles from './boards.module.css';

const createBoardDialog = lazyNamed(() => import('./create-board-dialog.tsx'), 'CreateBoardDialog');

/**
 * "Tableaux" on a circle's page, for its members (the list answers 404 to everyone else, and then
 * the section is simply not shown).
 */
export function CircleBoards({ circleId, isMember }: { circleId: string; isMember: boolean }) {
  const { t } = useTranslation();
  const boards = useCircleBoards(circleId, isMember);
  if (!isMember) return null;
  const code = boards.isError ? errorCode(boards.error) : null;
  if (code === 'NOT_FOUND' || code === 'UNAUTHENTICATED') return null;
  return (
    <Section
      title={t('boards.list.title')}
      action={
        <LazyDialogButton
          variant="secondary"
          label={t('boards.create.open')}
          preload={createBoardDialog.preload}
        >
          {(close) => <createBoardDialog.Component circleId={circleId} onClose={close} />}
        </LazyDialogButton>
      }
    >
      {boards.isPending ? <LoadingState /> : null}
      {boards.isError ? <ErrorState error={boards.error} onRetry={() => void boards.refetch()} /> : null}
      {boards.data?.length === 0 ? <EmptyState isCompact title={t('boards.list.empty')} /> : null}
      {boards.data?.length ? (
        <ul className={styles.boardList}>
          {boards.data.map((board) => (
            <li key={board.id} className={styles.boardItem}>
              <Link to={`/boards/${encodeURIComponent(board.id)}`}>{board.title}</Link>
              <span className={styles.muted}>{t('boards.list.notes', { count: board.noteCount })}</span>
              {board.locked ? <Badge>{t('boards.state.locked')}</Badge> : null}
              {board.silent ? <Badge tone="accent">{t('boards.state.silent')}</Badge> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <ShowMore list={boards} />
    </Section>
  );
}
