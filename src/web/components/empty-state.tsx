import type { ReactNode } from 'react';
import styles from './empty-state.module.css';

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  /** A one-line note for a small list ("Aucune demande en attente."), not a call to action. */
  isCompact?: boolean;
}

/** What an empty list says instead of nothing: why it is empty and what to do next. */
export function EmptyState({ title, children, action, isCompact = false }: EmptyStateProps) {
  if (isCompact) return <p className={styles.compact}>{title}</p>;
  return (
    <div className={styles.empty}>
      <p className={styles.title}>{title}</p>
      {children ? <div className={styles.text}>{children}</div> : null}
      {action}
    </div>
  );
}
