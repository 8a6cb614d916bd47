import type { Kysely } from 'kysely';
import { type CalendarItem, writeCalendarItems } from '../../calendar/ics-writer.ts';
import { toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import { type Locale, mailText } from '../../mail/mail-i18n.ts';
import type { EventRow } from './event-access.ts';

const hostOf = (publicUrl: string) => new URL(publicUrl).hostname;
export const eventPageUrl = (publicUrl: string, eventId: string) =>
  `${publicUrl}/events/${encodeURIComponent(eventId)}`;

function eventItem(event: EventRow, publicUrl: string, locale: Locale, sites: string[]): CalendarItem {
  const t = mailText(locale);
  const url = eventPageUrl(publicUrl, event.id);
  const cancelled = event.cancelledAt !== null;
  return {
    uid: `event-${event.id}@${hostOf(publicUrl)}`,
    startsAt: toIso(event.startsAt),
    endsAt: toIso(event.endsAt),
    timeZone: event.timeZone,
    createdAt: toIso(event.createdAt),
    updatedAt: toIso(event.updatedAt),
    summary: cancelled ? t('calendar.cancelledTitle', { title: event.title }) : event.title,
    description: [event.description, '', t('labelled', { label: t('eventRegistration.page'), value: url })]
      .join('\n')
      .trim(),
    location: sites.length > 0 ? sites.join(' · ') : null,
    url,
    status: cancelled ? 'cancelled' : 'confirmed',
  };
}

/** The public events of a community, for its feed (no account: public events only). */
export async function communityEventsCalendar(
  db: Kysely<DB>,
  community: { id: string; name: string },
  options: { publicUrl: string; locale: Locale },
) {
  const events = await db
    .selectFrom('events')
    .selectAll()
    .where('communityId', '=', community.id)
    .where('visibility', '=', 'public')
    .orderBy('startsAt')
    .limit(500)
    .execute();
  const sites = await sitesByEvent(
    db,
    events.map((event) => event.id),
  );
  return writeCalendarItems(
    events.map((event) => eventItem(event, options.publicUrl, options.locale, sites.get(event.id) ?? [])),
    {
      publicUrl: options.publicUrl,
      locale: options.locale,
      name: mailText(options.locale)('eventRegistration.feedName', { communityName: community.name }),
      refreshSeconds: 3600,
    },
  );
}

async function sitesByEvent(db: Kysely<DB>, eventIds: string[]) {
  const map = new Map<string, string[]>();
  if (eventIds.length === 0) return map;
  const rows = await db
    .selectFrom('eventSites')
    .select(['eventId', 'name', 'address'])
    .where('eventId', 'in', eventIds)
    .orderBy('position')
    .execute();
  for (const row of rows) {
    const text = row.address ? `${row.name}, ${row.address}` : row.name;
    map.set(row.eventId, [...(map.get(row.eventId) ?? []), text]);
  }
  return map;
}

/**
 * What one registration holds, as a calendar: the event, and each slot registered for (a waitlisted
 * one TENTATIVE, titled as such). Callers check who asks: the holder, by session or by link.
 */
export async function registrationCalendar(
  db: Kysely<DB>,
  registrationId: string,
  options: { publicUrl: string; locale: Locale },
) {
  const title = await db
    .selectFrom('eventRegistrations as r')
    .innerJoin('events as e', 'e.id', 'r.eventId')
    .select('e.title')
    .where('r.id', '=', registrationId)
    .executeTakeFirstOrThrow();
  return writeCalendarItems(await registrationItems(db, registrationId, options), {
    publicUrl: options.publicUrl,
    locale: options.locale,
    name: mailText(options.locale)('eventRegistration.calendarName', { eventTitle: title.title }),
  });
}

/**
 * Everything a person registered for (not cancelled), in events ending after `since`: for their
 * personal calendar feed beside their circles' sessions.
 */
export async function registeredCalendarItems(
  db: Kysely<DB>,
  userId: string,
  since: string,
  options: { publicUrl: string; locale: Locale },
): Promise<CalendarItem[]> {
  const rows = await db
    .selectFrom('eventRegistrations as r')
    .innerJoin('events as e', 'e.id', 'r.eventId')
    .select('r.id')
    .where('r.userId', '=', userId)
    .where('r.status', 'in', ['confirmed', 'waitlisted'])
    .where('e.endsAt', '>=', since)
    // Only events the person may still read: public ones, or their community's.
    .where(({ or, eb, exists, selectFrom }) =>
      or([
        eb('e.visibility', '=', 'public'),
        exists(
          selectFrom('communityMembers as cm')
            .select('cm.userId')
            .whereRef('cm.communityId', '=', 'e.communityId')
            .where('cm.userId', '=', userId)
            .where('cm.status', '=', 'active'),
        ),
      ]),
    )
    .orderBy('e.startsAt')
    .limit(200)
    .execute();
  const items: CalendarItem[] = [];
  for (const row of rows) items.push(...(await registrationItems(db, row.id, options)));
  return items;
}

async function registrationItems(
  db: Kysely<DB>,
  registrationId: string,
  options: { publicUrl: string; locale: Locale },
): Promise<CalendarItem[]> {
  const t = mailText(options.locale);
  const registration = await db
    .selectFrom('eventRegistrations')
    .select(['eventId', 'status'])
    .where('id', '=', registrationId)
    .executeTakeFirstOrThrow();
  const event = await db
    .selectFrom('events')
    .selectAll()
    .where('id', '=', registration.eventId)
    .executeTakeFirstOrThrow();
  const sites = await db
    .selectFrom('eventSites')
    .selectAll()
    .where('eventId', '=', event.id)
    .orderBy('position')
    .execute();
  const slots = await db
    .selectFrom('eventSlotRegistrations as sr')
    .innerJoin('eventSlots as s', 's.id', 'sr.slotId')
    .selectAll('s')
    .select('sr.status as myStatus')
    .where('sr.registrationId', '=', registrationId)
    .orderBy('s.startsAt')
    .execute();
  const siteName = new Map(
    sites.map((site) => [site.id, site.address ? `${site.name}, ${site.address}` : site.name]),
  );
  const url = eventPageUrl(options.publicUrl, event.id);
  const base = eventItem(
    event,
    options.publicUrl,
    options.locale,
    sites.map((site) => siteName.get(site.id) ?? site.name),
  );
  const eventEntry: CalendarItem = {
    ...base,
    ...(registration.status !== 'confirmed' &&
      base.status !== 'cancelled' && {
        status: 'tentative',
        summary: t('eventRegistration.waitlistedTitle', { title: event.title }),
      }),
  };
  const items: CalendarItem[] = [eventEntry];
  for (const slot of slots) {
    const waiting = slot.myStatus !== 'confirmed' || registration.status !== 'confirmed';
    const place = slot.siteId ? (siteName.get(slot.siteId) ?? null) : null;
    items.push({
      uid: `event-slot-${slot.id}@${hostOf(options.publicUrl)}`,
      startsAt: toIso(slot.startsAt),
      endsAt: toIso(slot.endsAt),
      timeZone: event.timeZone,
      createdAt: toIso(slot.createdAt),
      updatedAt: toIso(event.updatedAt),
      summary: waiting ? t('eventRegistration.waitlistedTitle', { title: slot.title }) : slot.title,
      description: [
        t('labelled', { label: t('eventRegistration.eventLabel'), value: event.title }),
        slot.description,
        '',
        t('labelled', { label: t('eventRegistration.page'), value: url }),
      ]
        .join('\n')
        .trim(),
      location: place,
      url,
      status: event.cancelledAt !== null ? 'cancelled' : waiting ? 'tentative' : 'confirmed',
    });
  }
  return items;
}
