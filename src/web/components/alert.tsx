import type { ReactNode } from 'react';
import styles from './alert.module.css';

export type AlertTone = 'info' | 'success' | 'warning' | 'danger';

const icons: Record<AlertTone, string> = { info: 'i', success: '✓', warning: '!', danger: '⚠' };

export interface AlertProps {
  tone?: AlertTone;
  title?: string;
  children?: ReactNode;
  /** role="alert" for a message that appears on its own; omit it inside a live region. */
  role?: 'alert' | 'status';
}

export function Alert({ tone = 'info', title, children, role }: AlertProps) {
  return (
    <div className={`${styles.alert} ${styles[tone]}`} role={role}>
      <span className={styles.icon} aria-hidden="true">
        {icons[tone]}
      </span>
      <div className={styles.body}>
        {title ? <p className={styles.title}>{title}</p> : null}
        {children}
      </div>
    </div>
  );
}
