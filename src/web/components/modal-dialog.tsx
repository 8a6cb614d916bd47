import { type ReactNode, useId, useLayoutEffect, useRef } from 'react';
import styles from './dialog.module.css';

export interface ModalDialogProps {
  /** Renders the heading; receives the id the dialog is labelled by. */
  heading: (headingId: string) => ReactNode;
  onClose: () => void;
  children: ReactNode;
  role?: 'dialog' | 'alertdialog';
  size?: 'md' | 'sm';
}

/**
 * A native <dialog> opened with showModal(): the browser traps focus, makes the page inert,
 * closes on Escape and draws the backdrop. Not react-aria's Modal, which injects a <style>
 * element that the server's CSP (`style-src 'self'`) refuses. Open while mounted.
 */
export function ModalDialog({ heading, onClose, children, role = 'dialog', size = 'md' }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement;
    dialog.showModal();
    // A form dialog starts on its first field; otherwise the browser's choice stands (the first
    // focusable element: Cancel, in a confirmation).
    dialog.querySelector<HTMLElement>('input, textarea, select')?.focus();
    const onNativeClose = () => onCloseRef.current();
    dialog.addEventListener('close', onNativeClose);
    return () => {
      dialog.removeEventListener('close', onNativeClose);
      if (dialog.open) dialog.close();
      // Focus goes back to what opened the dialog, even if that button re-rendered meanwhile.
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the click is on the backdrop; Escape closes natively.
    <dialog
      ref={ref}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={headingId}
      aria-modal="true"
      className={`${styles.modal} ${size === 'sm' ? styles.small : ''}`}
      onClick={(event) => {
        // A click on the dialog element itself, not its content, landed on the backdrop.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className={styles.dialog}>
        {heading(headingId)}
        {children}
      </div>
    </dialog>
  );
}
