import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board } from '../../../contract/board.ts';
import { type BoardColor, boardColors } from '../../../domain/board.ts';
import { Button } from '../../components/button.tsx';
import fieldStyles from '../../components/field.module.css';
import { SelectField } from '../../components/select-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import styles from './boards.module.css';
import { CategorySwatch } from './category-swatch.tsx';

/** One category being edited; `id` is set for a category the board already has. */
export interface LegendRow {
  key: number;
  id?: string;
  name: string;
  color: BoardColor;
  meaning: string;
}

let nextKey = 0;

export function legendRow(row: Omit<LegendRow, 'key'>): LegendRow {
  return { key: nextKey++, ...row };
}

/** Moves the row at `from` by `by` places (−1: up, +1: down); out of bounds leaves the legend as is. */
export function moveRow<T>(rows: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (from < 0 || to < 0 || from >= rows.length || to >= rows.length) return [...rows];
  const next = [...rows];
  const [row] = next.splice(from, 1);
  if (row !== undefined) next.splice(to, 0, row);
  return next;
}

/** The categories of the board that the edited legend no longer has. */
export function removedCategories(board: Pick<Board, 'categories'>, rows: readonly Pick<LegendRow, 'id'>[]) {
  const kept = new Set(rows.map((row) => row.id).filter(Boolean));
  return board.categories.filter((category) => !kept.has(category.id));
}

/**
 * The legend's categories: name, colour (each with its pattern), meaning, order. Used by the
 * creation dialog and by "Modifier le tableau". Focus follows the row that moves, lands on the
 * next row when one is removed, and on the new row's name when one is added.
 */
export function LegendEditor({
  rows,
  onChange,
  showEmptyNames = false,
}: {
  rows: LegendRow[];
  onChange: (rows: LegendRow[]) => void;
  /** Marks nameless categories as errors (editing: a nameless category would be dropped). */
  showEmptyNames?: boolean;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLFieldSetElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const colorOptions = boardColors.map((color) => ({ value: color, label: t(`boards.color.${color}`) }));

  const focusLater = (selector: string) =>
    requestAnimationFrame(() => container.current?.querySelector<HTMLElement>(selector)?.focus());
  const update = (key: number, change: Partial<LegendRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));

  function move(index: number, by: -1 | 1) {
    const row = rows[index];
    if (!row) return;
    onChange(moveRow(rows, index, by));
    const to = index + by;
    setAnnouncement(
      t('boards.legendEditor.moved', { name: row.name || t('boards.legend.none'), position: to + 1 }),
    );
    // Stay on the same button, unless it is now disabled (first or last place): then the other one.
    const atEdge = (by === -1 && to === 0) || (by === 1 && to === rows.length - 1);
    const button = by === -1 ? (atEdge ? 'down' : 'up') : atEdge ? 'up' : 'down';
    focusLater(`[data-legend-key="${row.key}"] [data-move="${button}"]`);
  }

  function remove(index: number) {
    const row = rows[index];
    if (!row) return;
    onChange(rows.filter((r) => r.key !== row.key));
    setAnnouncement(t('boards.legendEditor.removed', { name: row.name || t('boards.legend.none') }));
    const neighbour = rows[index + 1] ?? rows[index - 1];
    focusLater(neighbour ? `[data-legend-key="${neighbour.key}"] input` : '[data-legend-add]');
  }

  function add() {
    const row = legendRow({
      name: '',
      color: boardColors[rows.length % boardColors.length] ?? 'grey',
      meaning: '',
    });
    onChange([...rows, row]);
    focusLater(`[data-legend-key="${row.key}"] input`);
  }

  return (
    <fieldset ref={container} className={styles.legendEditor}>
      <legend className={fieldStyles.label}>{t('boards.legend.title')}</legend>
      {rows.map((row, index) => (
        <div key={row.key} className={styles.legendRow} data-legend-key={row.key}>
          <CategorySwatch color={row.color} />
          <TextField
            label={t('boards.legendEditor.name', { index: index + 1 })}
            value={row.name}
            onChange={(name) => update(row.key, { name })}
            errorMessage={showEmptyNames && !row.name.trim() ? t('validation.required') : undefined}
          />
          <SelectField
            label={t('boards.legendEditor.color', { index: index + 1 })}
            options={colorOptions}
            value={row.color}
            onChange={(color) => update(row.key, { color })}
          />
          <TextField
            label={t('boards.legendEditor.meaning', { index: index + 1 })}
            value={row.meaning}
            onChange={(meaning) => update(row.key, { meaning })}
            isOptional
          />
          <div className={styles.legendRowActions}>
            <Button
              variant="ghost"
              size="sm"
              data-move="up"
              disabled={index === 0}
              onClick={() => move(index, -1)}
            >
              {t('boards.legendEditor.moveUp')}
              <span className="visually-hidden">{t('boards.legendEditor.which', { index: index + 1 })}</span>
            </Button>
            <Button
              variant="ghost"
              size="sm"
              data-move="down"
              disabled={index === rows.length - 1}
              onClick={() => move(index, 1)}
            >
              {t('boards.legendEditor.moveDown')}
              <span className="visually-hidden">{t('boards.legendEditor.which', { index: index + 1 })}</span>
            </Button>
            <Button variant="ghost" size="sm" onClick={() => remove(index)}>
              {t('boards.legendEditor.remove')}
              <span className="visually-hidden">{t('boards.legendEditor.which', { index: index + 1 })}</span>
            </Button>
          </div>
        </div>
      ))}
      <div>
        <Button variant="secondary" size="sm" data-legend-add disabled={rows.length >= 12} onClick={add}>
          {t('boards.legendEditor.add')}
        </Button>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </fieldset>
  );
}
