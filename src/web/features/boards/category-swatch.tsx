import type { BoardColor } from '../../../domain/board.ts';
import styles from './board-colors.module.css';

/** The class that gives an element a category's colour and pattern (variables used by `.edge`). */
export function colorClass(color: BoardColor | null | undefined): string {
  return styles[color ?? 'none'] ?? '';
}

export const edgeClass = styles.edge;

/** A small square in the category's colour and pattern; its name is always written beside it. */
export function CategorySwatch({ color }: { color: BoardColor | null }) {
  return <span className={`${styles.swatch} ${colorClass(color)}`} aria-hidden="true" />;
}
