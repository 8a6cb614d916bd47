import { useTranslation } from 'react-i18next';
import type { Board } from '../../../contract/board.ts';
import styles from './boards.module.css';
import { CategorySwatch } from './category-swatch.tsx';

/** The legend: each colour with its pattern, its name and what it means ("BLEU = prochains pas"). */
export function BoardLegend({ board }: { board: Board }) {
  const { t } = useTranslation();
  if (board.categories.length === 0) return null;
  return (
    <section className={styles.legend} aria-labelledby="board-legend-title">
      <h2 id="board-legend-title" className={styles.legendTitle}>
        {t('boards.legend.title')}
      </h2>
      <dl className={styles.legendList}>
        {board.categories.map((category) => (
          <div key={category.id} className={styles.legendItem}>
            <dt>
              <CategorySwatch color={category.color} />
              <span>{category.name}</span>
              <span className="visually-hidden"> ({t(`boards.color.${category.color}`)})</span>
            </dt>
            <dd>{category.meaning || '—'}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
