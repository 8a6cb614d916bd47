import { type KeyboardEvent, type ReactNode, useId, useRef, useState } from 'react';
import styles from './tabs.module.css';

export interface TabItem {
  id: string;
  label: ReactNode;
  panel: ReactNode;
}

export interface TabsProps {
  /** Names the tab list for screen readers ("Sections de la communauté"). */
  label: string;
  items: TabItem[];
  /** The tab shown first; the first item otherwise. */
  defaultSelectedId?: string;
  /** Tabs share the full width and may wrap their label (a narrow panel, a phone). */
  isFitted?: boolean;
}

/**
 * The WAI-ARIA tabs pattern, by hand: one tab stop, arrows/Home/End move between tabs and
 * select them. Written here rather than taken from react-aria to keep ~16 KB gzip of
 * collection machinery out of the screens that show tabs on first load.
 */
export function Tabs({ label, items, defaultSelectedId, isFitted = false }: TabsProps) {
  const baseId = useId();
  const [selectedId, setSelectedId] = useState(defaultSelectedId ?? items[0]?.id);
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());
  const selected = items.find((item) => item.id === selectedId) ?? items[0];

  function onKeyDown(event: KeyboardEvent) {
    const index = items.findIndex((item) => item.id === selected?.id);
    const last = items.length - 1;
    const target = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    }[event.key];
    const next = target === undefined ? undefined : items[target];
    if (!next) return;
    event.preventDefault();
    setSelectedId(next.id);
    tabRefs.current.get(next.id)?.focus();
  }

  return (
    <div className={styles.tabs}>
      <div
        className={`${styles.list} ${isFitted ? styles.fitted : ''}`}
        role="tablist"
        aria-label={label}
        onKeyDown={onKeyDown}
      >
        {items.map((item) => {
          const isSelected = item.id === selected?.id;
          return (
            <button
              key={item.id}
              ref={(node) => {
                if (node) tabRefs.current.set(item.id, node);
                else tabRefs.current.delete(item.id);
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${item.id}`}
              aria-selected={isSelected}
              aria-controls={`${baseId}-panel-${item.id}`}
              tabIndex={isSelected ? 0 : -1}
              className={styles.tab}
              onClick={() => setSelectedId(item.id)}
            >
              {item.label}
            </button>
          );
        })}
      </div>
      {selected ? (
        <div
          className={styles.panel}
          role="tabpanel"
          id={`${baseId}-panel-${selected.id}`}
          aria-labelledby={`${baseId}-tab-${selected.id}`}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the ARIA tabs pattern makes the panel a tab stop.
          tabIndex={0}
        >
          {selected.panel}
        </div>
      ) : null}
    </div>
  );
}
