import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, type ButtonSize, type ButtonVariant } from './button.tsx';
import styles from './dialog.module.css';
import { ModalDialog } from './modal-dialog.tsx';

export interface ConfirmButtonProps {
  children: ReactNode;
  /** The question, e.g. "Quitter le cercle ?" */
  title: string;
  /** What will happen, in a sentence. */
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  variant?: ButtonVariant;
  size?: ButtonSize;
  isPending?: boolean;
  className?: string;
}

/** A button for an action that is hard to undo: it asks first, in an alert dialog. */
export function ConfirmButton({
  children,
  title,
  message,
  confirmLabel,
  onConfirm,
  variant = 'danger',
  size = 'md',
  isPending,
  className,
}: ConfirmButtonProps) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      <Button
        variant={variant}
        size={size}
        className={className}
        isPending={isPending}
        onClick={() => setOpen(true)}
      >
        {children}
      </Button>
      {isOpen ? (
        <ModalDialog
          role="alertdialog"
          size="sm"
          onClose={close}
          heading={(headingId) => (
            <h2 id={headingId} className={styles.title}>
              {title}
            </h2>
          )}
        >
          <p>{message}</p>
          <div className={styles.actions}>
            {/* First in the dialog, so showModal() focuses it: an alert dialog starts on its safest choice. */}
            <Button variant="secondary" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              variant="danger"
              onClick={() => {
                close();
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </div>
        </ModalDialog>
      ) : null}
    </>
  );
}
