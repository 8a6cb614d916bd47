import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EventDto } from '../../../contract/event.ts';
import { Alert } from '../../components/alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EventBadges, placesText } from './event-badges.tsx';
import { formatEventRange } from './event-time.ts';
import styles from './events.module.css';

/** Title, dates in the event's zone, visibility, parent, places, and the cancelled banner. */
export function EventHeader({ event }: { event: EventDto }) {
  const { t, i18n } = useTranslation();
  const when = formatEventRange(event.startsAt, event.endsAt, event.timeZone, i18n.language, (from, to) =>
    t('events.span', { from, to }),
  );
  return (
    <>
      <PageHeader
        title={event.title}
        eyebrow={
          event.parent ? (
            <>
              {t('events.withinEvent')}{' '}
              <Link to={`/events/${encodeURIComponent(event.parent.id)}`}>{event.parent.title}</Link>
            </>
          ) : (
            <Link to={`/c/${encodeURIComponent(event.communitySlug)}/events`}>{event.communityName}</Link>
          )
        }
        meta={<EventBadges event={event} />}
        description={
          <>
            <p className={styles.when}>
              {when}
              <span className={styles.zone}> ({event.timeZone.replace('_', ' ')})</span>
            </p>
            {event.cancelled ? null : (
              <p>
                {placesText(t, event.confirmedCount, event.capacity)}
                {event.waitlistCount > 0
                  ? ` · ${t('events.places.waitlist', { count: event.waitlistCount })}`
                  : ''}
              </p>
            )}
          </>
        }
      />
      {event.cancelled ? (
        <Alert tone="danger" title={t('events.cancelledBanner.title')}>
          {t('events.cancelledBanner.text')}
        </Alert>
      ) : null}
    </>
  );
}

/** Each site: its address, or "en ligne" with its visio link when the viewer may have it. */
export function EventSites({ event }: { event: EventDto }) {
  const { t } = useTranslation();
  if (event.sites.length === 0) return null;
  return (
    <ul className={styles.sites} aria-label={t('events.sitesLabel')}>
      {event.sites.map((site) => (
        <li key={site.id} className={styles.site}>
          <strong>{site.name}</strong>
          {site.online ? (
            <span>
              {t('events.site.online')}
              {site.onlineUrl ? (
                <>
                  {' · '}
                  <a href={site.onlineUrl} target="_blank" rel="noopener noreferrer">
                    {t('events.site.visio')}
                  </a>
                </>
              ) : null}
            </span>
          ) : null}
          {site.address ? <span className={styles.muted}>{site.address}</span> : null}
          {site.capacity !== null ? (
            <span className={styles.muted}>{t('events.site.capacity', { count: site.capacity })}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
