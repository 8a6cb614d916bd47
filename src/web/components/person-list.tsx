import type { ReactNode } from 'react';
import { Avatar } from './avatar.tsx';
import styles from './person-list.module.css';

/** "Organisation · Territoire": what helps recognise someone in a list of people. */
export function personDetails(person: { organisation: string | null; territory: string | null }): string {
  return [person.organisation, person.territory].filter(Boolean).join(' · ');
}

/** A bordered list of people; `isOrdered` when the order means something (a waitlist). */
export function PersonList({ children, isOrdered = false }: { children: ReactNode; isOrdered?: boolean }) {
  return isOrdered ? (
    <ol className={styles.list}>{children}</ol>
  ) : (
    <ul className={styles.list}>{children}</ul>
  );
}

export interface PersonItemProps {
  name: string;
  /** Organisation, territory: what helps recognise someone. */
  details?: string;
  badges?: ReactNode;
  actions?: ReactNode;
  /** The visible place in an ordered list (1-based). */
  position?: number;
}

export function PersonItem({ name, details, badges, actions, position }: PersonItemProps) {
  return (
    <li className={styles.item}>
      {position !== undefined ? (
        <span className={styles.position} aria-hidden="true">
          {position}.
        </span>
      ) : null}
      <Avatar name={name} />
      <div className={styles.who}>
        <span className={styles.name}>{name}</span>
        {details ? <span className={styles.details}>{details}</span> : null}
      </div>
      {badges ? <div className={styles.badges}>{badges}</div> : null}
      {actions ? <div className={styles.actions}>{actions}</div> : null}
    </li>
  );
}
