import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventDto, SlotDto } from '../../../contract/event.ts';
import { Badge } from '../../components/badge.tsx';
import { formatDay, formatTime } from '../sessions/session-time.ts';
import { StatusBadge } from './event-badges.tsx';
import { byDay } from './event-time.ts';
import styles from './programme.module.css';
import { timetableLayout } from './timetable-layout.ts';

/** "12/20 places" on a slot one registers for; a slot without a limit is open to every participant. */
function Places({ slot }: { slot: SlotDto }) {
  const { t } = useTranslation();
  if (slot.capacity === null) return null;
  return (
    <p className={styles.places}>
      {t('events.slot.places', { confirmed: slot.confirmedCount, capacity: slot.capacity })}
      {slot.waitlistCount > 0 ? ` · ${t('events.places.waitlist', { count: slot.waitlistCount })}` : ''}
    </p>
  );
}

function SlotCard({ slot, event, siteName }: { slot: SlotDto; event: EventDto; siteName: string | null }) {
  const { t, i18n } = useTranslation();
  const time = (iso: string) => formatTime(iso, i18n.language, event.timeZone);
  const mine = event.myRegistration?.slots.find((s) => s.slotId === slot.id);
  return (
    <>
      <p className={styles.slotTop}>
        <Badge tone={slot.kind === 'break' ? 'neutral' : 'primary'}>{t(`events.kind.${slot.kind}`)}</Badge>
        <span className={styles.slotTime}>
          <time dateTime={slot.startsAt}>{time(slot.startsAt)}</time>
          {' – '}
          <time dateTime={slot.endsAt}>{time(slot.endsAt)}</time>
        </span>
      </p>
      <h4 className={styles.slotTitle}>{slot.title}</h4>
      <p className={styles.slotSite}>{siteName ?? t('events.slot.allSites')}</p>
      {slot.speakers.length > 0 ? (
        <p className={styles.speakers}>
          <span className="visually-hidden">{t('events.slot.speakers')} </span>
          {slot.speakers.join(', ')}
        </p>
      ) : null}
      <Places slot={slot} />
      {mine ? (
        <p>
          <span className="visually-hidden">{t('events.slot.myStatus')} </span>
          <StatusBadge status={mine.status} position={mine.waitlistPosition} />
        </p>
      ) : null}
    </>
  );
}

/**
 * The programme, one day after another. On a wide screen each day is a grid (timetable-layout.ts):
 * a column per site, slots of no site spanning them all, rows of a quarter of an hour. On a phone the
 * same list reads in order, each slot naming its site. The DOM is one chronological list either
 * way, which is what a screen reader follows.
 */
export function Programme({ event }: { event: EventDto }) {
  const { t, i18n } = useTranslation();
  if (event.slots.length === 0) return <p className={styles.empty}>{t('events.programme.empty')}</p>;
  const siteName = new Map(event.sites.map((site) => [site.id, site.name]));
  return (
    <div className={styles.days}>
      {byDay(event.slots, event.timeZone).map(([day, slots]) => {
        const layout = timetableLayout(
          slots,
          event.sites.map((site) => site.id),
        );
        const columns = { '--site-columns': layout.columns } as CSSProperties;
        const headingId = `day-${day}`;
        return (
          <section key={day} aria-labelledby={headingId} className={styles.day}>
            <h3 id={headingId} className={styles.dayTitle}>
              {formatDay(slots[0]?.startsAt ?? day, i18n.language, event.timeZone)}
            </h3>
            <ol className={styles.grid} style={columns}>
              {layout.heads.length > 1
                ? layout.heads.map((head) => (
                    <li
                      key={head.siteId}
                      aria-hidden="true"
                      className={styles.siteHead}
                      style={{ gridColumn: head.column, gridRow: 1 }}
                    >
                      {siteName.get(head.siteId)}
                    </li>
                  ))
                : null}
              {slots.map((slot) => (
                <li
                  key={slot.id}
                  className={`${styles.slot} ${styles[slot.kind] ?? ''}`}
                  style={{
                    gridColumn: layout.places.get(slot.id)?.column,
                    gridRow: layout.places.get(slot.id)?.row,
                  }}
                >
                  <SlotCard
                    slot={slot}
                    event={event}
                    siteName={slot.siteId ? (siteName.get(slot.siteId) ?? null) : null}
                  />
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
