import { useTranslation } from 'react-i18next';
import type { Board } from '../../../contract/board.ts';
import { rankNotes } from '../../../domain/board.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import styles from './boards.module.css';
import { CategorySwatch } from './category-swatch.tsx';

/** The ranking of dot voting: most dots first. Shown once totals are visible. */
export function BoardResults({ board }: { board: Board }) {
  const { t } = useTranslation();
  const visible = board.notes.filter((note) => !note.private && !note.hidden);
  if (board.hideDots && !board.dotsRevealed)
    return <EmptyState isCompact title={t('boards.results.hidden')} />;
  if (visible.length === 0) return <EmptyState isCompact title={t('boards.results.empty')} />;
  const ranked = rankNotes(visible.map((note) => ({ ...note, dots: note.dots ?? 0 })));
  return (
    <ol className={styles.results}>
      {ranked.map((note) => {
        const category = board.categories.find((c) => c.id === note.categoryId);
        return (
          <li key={note.id} className={styles.resultItem}>
            <span className={styles.resultDots}>{t('boards.dots.total', { count: note.dots })}</span>
            <CategorySwatch color={category?.color ?? null} />
            <span className={styles.noteCategory}>{category?.name ?? t('boards.legend.none')}</span>
            <span className={styles.noteText}>{note.text}</span>
          </li>
        );
      })}
    </ol>
  );
}
