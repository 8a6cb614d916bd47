import styles from './button.module.css';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
export type ButtonSize = 'md' | 'sm';

/**
 * The classes of a button look-alike. Shared by the react-aria Button (forms, dialogs) and by
 * plain links and buttons on first-load screens, which must not pull react-aria in.
 */
export function buttonClass(
  variant: ButtonVariant = 'primary',
  size: ButtonSize = 'md',
  extra?: string,
): string {
  return [styles.button, styles[variant], size === 'sm' ? styles.sm : undefined, extra]
    .filter(Boolean)
    .join(' ');
}
