import { Link } from 'react-router';
import type { SessionSummary } from '../../../contract/session.ts';
import { SessionNumberBadge, SessionStatusBadge } from './session-badges.tsx';
import styles from './session-list.module.css';
import { SessionPlace, SessionWhen } from './session-when.tsx';

/** A list of sessions, each linking to its page; `showCircle` on pages that mix circles. */
export function SessionList({
  sessions,
  showCircle = false,
}: {
  sessions: SessionSummary[];
  showCircle?: boolean;
}) {
  return (
    <ul className={styles.list}>
      {sessions.map((session) => (
        <li key={session.id} className={`${styles.item} ${session.status === 'live' ? styles.live : ''}`}>
          <div className={styles.text}>
            <h3 className={styles.title}>
              <Link to={`/sessions/${encodeURIComponent(session.id)}`}>{session.title}</Link>
            </h3>
            {showCircle ? <p className={styles.circle}>{session.circleName}</p> : null}
            <SessionWhen session={session} />
            <SessionPlace place={session.place} />
          </div>
          <span className={styles.badges}>
            <SessionNumberBadge numbering={session.numbering} />
            <SessionStatusBadge status={session.status} />
          </span>
        </li>
      ))}
    </ul>
  );
}
