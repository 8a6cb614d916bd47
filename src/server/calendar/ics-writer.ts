import { TZDate } from '@date-fns/tz';
import ical, { ICalEventStatus } from 'ical-generator';
import { toIso } from '../db/columns.ts';
import type { SessionRow } from '../db/schema.ts';
import { type Locale, mailText } from '../mail/mail-i18n.ts';
import { FIRST_YEAR, LAST_YEAR, vtimezoneFor, wallTimeIsExact } from './vtimezone.ts';

export type CalendarLocale = Locale;

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

const DAY = 86_400_000;

/**
 * Whether the event can be written as wall-clock time with the session's TZID: the zone is known,
 * the years are ones a VTIMEZONE describes, and neither time falls in an hour repeated when
 * clocks go back (readers disagree on which pass such a time names). Otherwise UTC.
 */
function zonedYears(zone: string, startsAt: number, endsAt: number): number[] | null {
  const from = new Date(startsAt - DAY).getUTCFullYear();
  const to = new Date(endsAt + DAY).getUTCFullYear();
  if (from < FIRST_YEAR || to > LAST_YEAR) return null;
  if (!wallTimeIsExact(zone, startsAt) || !wallTimeIsExact(zone, endsAt)) return null;
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

/** Control characters RFC 5545 TEXT cannot hold (tab and line breaks are written escaped). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what is looked for
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** User text as a calendar may carry it. */
function clean(text: string): string {
  return text.replace(CONTROLS, '');
}

/** NAME and X-WR-CALNAME, which ical-generator writes as given: escaped here (RFC 5545 3.3.11). */
function escapedText(text: string): string {
  return clean(text)
    .replace(/[\\;,]/g, (character) => `\\${character}`)
    .replace(/\r\n|\r|\n/g, '\\n');
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
  const t = mailText(options.locale);
  // French puts a space before the colon, English does not: only in our labels, never in what
  // people wrote.
  const label = (word: string, value: string) => t('labelled', { label: word, value });
  const lines: string[] = [];
  if (session.cancelledAt !== null) {
    lines.push(
      `${t('calendar.cancelled')}. ${label(t('calendar.reason'), session.cancelReason ?? '')}`.trim(),
      '',
    );
  }
  lines.push(label(t('calendar.circle'), circleName));
  if (session.videoUrl) lines.push(label(t('calendar.video'), session.videoUrl));
  if (session.description) lines.push('', session.description);
  lines.push('', label(t('calendar.page'), sessionPageUrl(session.id, options.publicUrl)));
  return lines.join('\n');
}

function cancelledTitle(title: string, locale: CalendarLocale): string {
  return mailText(locale)('calendar.cancelledTitle', { title });
}

function locationOf(session: SessionRow): string | null {
  const parts = [session.place, session.videoUrl ?? ''].filter((part) => part.trim() !== '');
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** Anything a calendar holds as one VEVENT: a session, an event, a slot of its programme. */
export interface CalendarItem {
  /** Stable forever: the same thing keeps its UID in every file and feed. */
  uid: string;
  sequence?: number;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  createdAt: string;
  updatedAt: string;
  summary: string;
  description: string;
  location: string | null;
  url: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
}

const statuses = {
  confirmed: ICalEventStatus.CONFIRMED,
  tentative: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
} as const;

/**
 * Writes an RFC 5545 calendar with one VEVENT per item, through ical-generator (escaping, CRLF,
 * folding at 75 octets). Times carry the item's TZID with a VTIMEZONE that agrees with the
 * runtime's zone data, so a reader anywhere sees the right instant on both sides of a
 * daylight-saving change; what a local time cannot name exactly is written in UTC. No ORGANIZER or
 * ATTENDEE: a calendar file travels, and who takes part is not its business.
 */
export function writeCalendarItems(items: CalendarItem[], options: CalendarOptions): string {
  const calendar = ical({
    prodId: { company: 'Archipel', product: 'Archipel', language: options.locale.toUpperCase() },
    name: escapedText(options.name),
    ...(options.refreshSeconds !== undefined && { ttl: options.refreshSeconds }),
  });
  // Each zone's VTIMEZONE must be right for the years its events fall in (see vtimezone.ts).
  const yearsOfZone = new Map<string, Set<number>>();
  calendar.timezone({
    name: null,
    generator: (zone) => vtimezoneFor(zone, yearsOfZone.get(zone) ?? []),
  });
  for (const item of items) {
    const startsAt = Date.parse(item.startsAt);
    const endsAt = Date.parse(item.endsAt);
    const years = zonedYears(item.timeZone, startsAt, endsAt);
    const hasZone = years !== null;
    if (years) {
      const known = yearsOfZone.get(item.timeZone) ?? new Set<number>();
      for (const year of years) known.add(year);
      yearsOfZone.set(item.timeZone, known);
    }
    const at = (instant: number) => (hasZone ? new TZDate(instant, item.timeZone) : new Date(instant));
    calendar.createEvent({
      id: item.uid,
      ...(item.sequence !== undefined && { sequence: item.sequence }),
      start: at(startsAt),
      end: at(endsAt),
      ...(hasZone && { timezone: item.timeZone }),
      created: new Date(item.createdAt),
      lastModified: new Date(item.updatedAt),
      summary: clean(item.summary),
      description: clean(item.description),
      location: clean(item.location ?? '') || null,
      url: item.url,
      status: statuses[item.status],
    });
  }
  // RFC 5545 ends every content line with CRLF, the last one included.
  return `${calendar.toString()}\r\n`;
}

/** Sessions as calendar items (their UID, SEQUENCE, cancelled state and links). */
export function sessionCalendarItems(entries: CalendarEntry[], options: CalendarOptions): CalendarItem[] {
  return entries.map((entry): CalendarItem => {
    const { session } = entry;
    const isCancelled = session.cancelledAt !== null;
    return {
      uid: sessionUid(session.id, options.publicUrl),
      sequence: session.sequence,
      startsAt: toIso(session.startsAt),
      endsAt: toIso(session.endsAt),
      timeZone: session.timeZone,
      createdAt: toIso(session.createdAt),
      updatedAt: toIso(session.updatedAt),
      summary: isCancelled ? cancelledTitle(session.title, options.locale) : session.title,
      description: descriptionOf(entry, options),
      location: locationOf(session),
      url: sessionPageUrl(session.id, options.publicUrl),
      status: isCancelled ? 'cancelled' : 'confirmed',
    };
  });
}

/** One VEVENT per session (see writeCalendarItems). */
export function writeCalendar(entries: CalendarEntry[], options: CalendarOptions): string {
  return writeCalendarItems(sessionCalendarItems(entries, options), options);
}
