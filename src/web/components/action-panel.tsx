import type { ReactNode } from 'react';
import styles from './action-panel.module.css';
import { FormStatus, type FormStatusMessage } from './form-status.tsx';

/** A page's main action (join, leave…) with the live region that announces its outcome. */
export function ActionPanel({
  children,
  message,
}: {
  children: ReactNode;
  message: FormStatusMessage | null;
}) {
  return (
    <div className={styles.membership}>
      <div className={styles.actions}>{children}</div>
      <FormStatus message={message} />
    </div>
  );
}

/** A short explanation in place of an action ("Sur invitation uniquement"). */
export function ActionNote({ children }: { children: ReactNode }) {
  return <p className={styles.note}>{children}</p>;
}
