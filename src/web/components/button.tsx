import type { ButtonHTMLAttributes, MouseEvent, ReactNode, Ref } from 'react';
import styles from './button.module.css';
import { type ButtonSize, type ButtonVariant, buttonClass } from './button-class.ts';

export type { ButtonSize, ButtonVariant } from './button-class.ts';

export interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'className' | 'children'> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
  /** Work in progress: the button ignores presses but stays focusable, so focus is not lost. */
  isPending?: boolean;
  children: ReactNode;
  ref?: Ref<HTMLButtonElement>;
}

/**
 * A native <button>. Not react-aria's Button: this one sits on first-load screens, where
 * react-aria's press machinery would cost ~13 KB gzip, and a native button is already
 * keyboard- and screen-reader-complete.
 */
export function Button({
  variant = 'primary',
  size = 'md',
  className,
  isPending = false,
  type = 'button',
  onClick,
  children,
  ...props
}: ButtonProps) {
  function onButtonClick(event: MouseEvent<HTMLButtonElement>) {
    if (isPending) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  }
  return (
    <button
      {...props}
      type={type}
      className={buttonClass(variant, size, className)}
      aria-disabled={isPending || undefined}
      onClick={onButtonClick}
    >
      {isPending ? <span className={styles.spinner} aria-hidden="true" /> : null}
      {children}
    </button>
  );
}
