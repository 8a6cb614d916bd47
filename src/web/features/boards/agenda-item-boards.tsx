import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCircleBoards } from './board-api.ts';
import styles from './boards.module.css';

/** Links to the boards attached to one agenda item, for the people who may open them. */
export function AgendaItemBoards({
  session,
  itemId,
}: {
  session: { id: string; circleId: string; abilities: { takePart: boolean } };
  itemId: string;
}) {
  const { t } = useTranslation();
  const boards = useCircleBoards(session.circleId, session.abilities.takePart);
  const attached = boards.data?.filter((b) => b.sessionId === session.id && b.agendaItemId === itemId) ?? [];
  if (attached.length === 0) return null;
  return (
    <ul className={styles.agendaLink}>
      {attached.map((board) => (
        <li key={board.id}>
          <Link to={`/boards/${encodeURIComponent(board.id)}`}>
            {t('boards.agendaLink', { title: board.title })}
          </Link>
        </li>
      ))}
    </ul>
  );
}
