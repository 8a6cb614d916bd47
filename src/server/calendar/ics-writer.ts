import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventStatus } from 'ical-generator';
import { toIso } from '../db/columns.ts';
import type { SessionRow } from '../db/schema.ts';

export type CalendarLocale = 'fr' | 'en';

/** A session as a calendar shows it, with the circle it belongs to. */
export interface CalendarEntry {
  session: SessionRow;
  circleName: string;
}

export interface CalendarOptions {
  /** The instance's public URL: session links and the host part of every UID. */
  publicUrl: string;
  locale: CalendarLocale;
  /** X-WR-CALNAME / NAME, what a subscribed calendar is called in the reader's list. */
  name: string;
  /** How often a subscribing client should read the feed again (REFRESH-INTERVAL). */
  refreshSeconds?: number;
}

const texts = {
  fr: {
    cancelled: 'Annulée',
    reason: 'Motif de l’annulation',
    circle: 'Cercle',
    video: 'Visio',
    page: 'La séance sur Archipel',
  },
  en: {
    cancelled: 'Cancelled',
    reason: 'Reason for cancelling',
    circle: 'Circle',
    video: 'Video call',
    page: 'The session on Archipel',
  },
} as const;

/**
 * VTIMEZONE blocks, read once per zone: the data set reads a file synchronously on every call,
 * and a feed asks for each event. Bounded by the number of zones (about 600).
 */
const vtimezones = new Map<string, string | null>();
function vtimezoneOf(zone: string): string | null {
  let found = vtimezones.get(zone);
  if (found === undefined) {
    found = getVtimezoneComponent(zone);
    vtimezones.set(zone, found);
  }
  return found;
}

/** The UID of a session's event: the same in every .ics and feed, forever. */
export function sessionUid(sessionId: string, publicUrl: string): string {
  return `session-${sessionId}@${new URL(publicUrl).hostname}`;
}

export function sessionPageUrl(sessionId: string, publicUrl: string): string {
  return `${publicUrl}/sessions/${encodeURIComponent(sessionId)}`;
}

function descriptionOf(entry: CalendarEntry, options: CalendarOptions): string {
  const { session, circleName } = entry;
  const words = texts[options.locale];
  const lines: string[] = [];
  if (session.cancelledAt !== null) {
    lines.push(`${words.cancelled}. ${words.reason} : ${session.cancelReason ?? ''}`.trim(), '');
  }
  lines.push(`${words.circle} : ${circleName}`);
  if (session.videoUrl) lines.push(`${words.video} : ${session.videoUrl}`);
  if (session.description) lines.push('', session.description);
  lines.push('', `${words.page} : ${sessionPageUrl(session.id, options.publicUrl)}`);
  // French puts a space before the colon; English does not.
  return options.locale === 'en' ? lines.join('\n').replaceAll(' : ', ': ') : lines.join('\n');
}

function cancelledTitle(title: string, locale: CalendarLocale): string {
  return locale === 'en' ? `Cancelled: ${title}` : `Annulée : ${title}`;
}

function locationOf(session: SessionRow): string | null {
  const parts = [session.place, session.videoUrl ?? ''].filter((part) => part.trim() !== '');
  return parts.length > 0 ? parts.join(' · ') : null;
}

/**
 * Writes an RFC 5545 calendar with one VEVENT per session, through ical-generator (escaping,
 * CRLF, folding at 75 octets). Times carry the session's TZID with its VTIMEZONE, so a reader
 * anywhere sees the right instant on both sides of a daylight-saving change; a zone without
 * VTIMEZONE data falls back to UTC instants. No ORGANIZER or ATTENDEE: a calendar file travels,
 * and who takes part is not its business.
 */
export function writeCalendar(entries: CalendarEntry[], options: CalendarOptions): string {
  const calendar = ical({
    prodId: { company: 'Archipel', product: 'Archipel', language: options.locale.toUpperCase() },
    name: options.name,
    ...(options.refreshSeconds !== undefined && { ttl: options.refreshSeconds }),
  });
  calendar.timezone({ name: null, generator: vtimezoneOf });
  for (const entry of entries) {
    const { session } = entry;
    const hasZone = vtimezoneOf(session.timeZone) !== null;
    const at = (value: Date | string) => {
      const instant = Date.parse(toIso(value));
      return hasZone ? new TZDate(instant, session.timeZone) : new Date(instant);
    };
    const isCancelled = session.cancelledAt !== null;
    calendar.createEvent({
      id: sessionUid(session.id, options.publicUrl),
      sequence: session.sequence,
      start: at(session.startsAt),
      end: at(session.endsAt),
      ...(hasZone && { timezone: session.timeZone }),
      created: new Date(toIso(session.createdAt)),
      lastModified: new Date(toIso(session.updatedAt)),
      summary: isCancelled ? cancelledTitle(session.title, options.locale) : session.title,
      description: descriptionOf(entry, options),
      location: locationOf(session),
      url: sessionPageUrl(session.id, options.publicUrl),
      status: isCancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  // RFC 5545 ends every content line with CRLF, the last one included.
  return `${calendar.toString()}\r\n`;
}
