import type { ReactNode } from 'react';
import styles from './card.module.css';

export interface CardProps {
  children: ReactNode;
  /** The element: `article` for a self-contained item, `li` inside lists, `section` with a heading. */
  as?: 'div' | 'article' | 'section' | 'li';
  /** Its (single) link stretches over the whole card. */
  isInteractive?: boolean;
  isCompact?: boolean;
  className?: string;
  'aria-labelledby'?: string;
}

export function Card({
  children,
  as: Element = 'div',
  isInteractive = false,
  isCompact = false,
  className,
  ...aria
}: CardProps) {
  const classes = [
    styles.card,
    isInteractive ? styles.interactive : undefined,
    isCompact ? styles.compact : undefined,
    className,
  ];
  return (
    <Element className={classes.filter(Boolean).join(' ')} {...aria}>
      {children}
    </Element>
  );
}
