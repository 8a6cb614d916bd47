import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HomeItem } from '../../../contract/hub.ts';
import { formatDay, formatTime } from '../sessions/session-time.ts';
import styles from './hub.module.css';

const isCalendarDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** An item's date: a day (a next step's due date) or an instant in its own zone. */
function ItemDate({ item }: { item: HomeItem }) {
  const { t, i18n } = useTranslation();
  if (!item.date) return null;
  if (isCalendarDay(item.date)) {
    const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${item.date}T12:00:00Z`),
    );
    return <time dateTime={item.date}>{t('hub.home.due', { date: day })}</time>;
  }
  const zone = item.timeZone ?? undefined;
  return (
    <time dateTime={item.date}>
      {formatDay(item.date, i18n.language, zone)} · {formatTime(item.date, i18n.language, zone)}
    </time>
  );
}

export interface HomeListProps {
  title: string;
  items: HomeItem[];
  /** Said when the list is empty; without it an empty list is not shown at all. */
  empty?: string;
  /** Where the whole list is (a web path), if anywhere. */
  seeAll?: string | null;
  /** Time shown for dated items (false for announcements: their text is what matters). */
  showDate?: boolean;
}

/** One section of the home: a heading, its items as links, and where the whole list is. */
export function HomeList({ title, items, empty, seeAll, showDate = true }: HomeListProps) {
  const { t } = useTranslation();
  const headingId = useId();
  if (items.length === 0 && !empty) return null;
  return (
    <section className={styles.card} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.cardTitle}>
        {title}
      </h2>
      {items.length === 0 ? (
        <p className={styles.muted}>{empty}</p>
      ) : (
        <ul className={styles.items}>
          {items.map((item) => (
            <li key={item.id} className={styles.item}>
              <Link to={item.url} className={styles.itemLink}>
                {item.title}
              </Link>
              <span className={styles.itemMeta}>
                {showDate ? <ItemDate item={item} /> : null}
                {showDate && item.date && item.circle ? ' · ' : null}
                {item.circle ? item.circle.name : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      {seeAll && items.length > 0 ? (
        // Named "Tout voir" and described by its section's heading: the same words as on screen.
        <Link to={seeAll} className={styles.seeAll} aria-describedby={headingId}>
          {t('hub.home.seeAll')}
        </Link>
      ) : null}
    </section>
  );
}
