import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EventSummaryDto } from '../../../contract/event.ts';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { useCommunityEvents } from './event-api.ts';
import { EventBadges, placesText } from './event-badges.tsx';
import { byMonth, formatEventRange, formatMonth } from './event-time.ts';
import styles from './events.module.css';

export function EventCard({ event }: { event: EventSummaryDto }) {
  const { t, i18n } = useTranslation();
  const when = formatEventRange(event.startsAt, event.endsAt, event.timeZone, i18n.language, (from, to) =>
    t('events.span', { from, to }),
  );
  return (
    <li className={event.cancelled ? `${styles.card} ${styles.cancelledCard}` : styles.card}>
      <h3 className={styles.cardTitle}>
        <Link to={`/events/${encodeURIComponent(event.id)}`}>{event.title}</Link>
      </h3>
      <p className={styles.when}>{when}</p>
      {event.siteNames.length > 0 ? (
        <p className={styles.muted}>
          <span className="visually-hidden">{t('events.sitesLabel')} </span>
          {event.siteNames.join(' · ')}
        </p>
      ) : null}
      <p className={styles.cardMeta}>
        <EventBadges event={event} />
        {event.cancelled ? null : (
          <span className={styles.muted}>{placesText(t, event.confirmedCount, event.capacity)}</span>
        )}
      </p>
    </li>
  );
}

/** A community's events, by month in each event's own zone, page after page. */
export function CommunityEventList({ slug, canCreate }: { slug: string; canCreate: boolean }) {
  const { t, i18n } = useTranslation();
  const events = useCommunityEvents(slug);
  if (events.isPending) return <LoadingState />;
  if (events.isError) return <ErrorState error={events.error} onRetry={() => void events.refetch()} />;
  if (events.data.length === 0) {
    return (
      <EmptyState title={t('events.list.empty')}>
        {canCreate ? t('events.list.emptyOrganiser') : t('events.list.emptyMember')}
      </EmptyState>
    );
  }
  return (
    <div className={styles.months}>
      {byMonth(events.data).map(([month, items]) => (
        <section key={month} aria-labelledby={`month-${month}`} className={styles.month}>
          <h2 id={`month-${month}`} className={styles.monthTitle}>
            {formatMonth(month, i18n.language)}
          </h2>
          <ul className={styles.cards}>
            {items.map((event) => (
              <EventCard key={event.id} event={event} />
            ))}
          </ul>
        </section>
      ))}
      {events.hasNextPage ? (
        <div>
          <Button
            variant="secondary"
            isPending={events.isFetchingNextPage}
            onClick={() => void events.fetchNextPage()}
          >
            {t('events.list.more')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
