import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './button.tsx';
import styles from './dialog.module.css';
import { ModalDialog } from './modal-dialog.tsx';

export interface DialogProps {
  title: string;
  /** Called when the dialog closes (close button, Escape, backdrop): unmount it then. */
  onClose: () => void;
  /** Receives `close` so a form can shut the dialog once it has succeeded. */
  children: (close: () => void) => ReactNode;
}

/** A titled modal dialog with a close button, for forms. Open while mounted. */
export function Dialog({ title, onClose, children }: DialogProps) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      onClose={onClose}
      heading={(headingId) => (
        <div className={styles.head}>
          <h2 id={headingId} className={styles.title}>
            {title}
          </h2>
          <Button variant="ghost" size="sm" onClick={onClose}>
            {t('common.close')}
          </Button>
        </div>
      )}
    >
      {children(onClose)}
    </ModalDialog>
  );
}
