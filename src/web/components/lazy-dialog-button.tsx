import { type ReactNode, Suspense, useState } from 'react';
import { Button, type ButtonProps } from './button.tsx';

export interface LazyDialogButtonProps extends Omit<ButtonProps, 'onClick' | 'children'> {
  /** The button's text (and any visually hidden words that tell it apart in a list). */
  label: ReactNode;
  /** Starts downloading the dialog's code on hover or focus, so a click rarely waits. */
  preload: () => void;
  /** Renders the dialog (a lazy component) while open; `close` unmounts it. */
  children: (close: () => void) => ReactNode;
}

/**
 * A button that opens a dialog whose code is downloaded on demand (`lazyNamed`): the page
 * carries neither the form nor zod until someone reaches for it.
 */
export function LazyDialogButton({ label, preload, children, ...buttonProps }: LazyDialogButtonProps) {
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <Button {...buttonProps} onClick={() => setOpen(true)} onPointerEnter={preload} onFocus={preload}>
        {label}
      </Button>
      {isOpen ? <Suspense fallback={null}>{children(() => setOpen(false))}</Suspense> : null}
    </>
  );
}
