import { formatDate } from '../../../domain/date-format.ts';
import { type MeetingTimer, remainingMs } from '../../../domain/meeting-timer.ts';

/**
 * Dates and times of sessions. A session has its own time zone (a circle in La Réunion meets at
 * 12h00 Indian/Reunion); a reader elsewhere sees both their own time and the session's.
 */

/** Time zones offered when planning; the reader's own zone is added when it is not listed. */
export const commonTimeZones = [
  'Europe/Paris',
  'America/Guadeloupe',
  'America/Martinique',
  'America/Cayenne',
  'Indian/Reunion',
  'Indian/Mayotte',
  'Pacific/Noumea',
  'Pacific/Tahiti',
  'America/Miquelon',
  'UTC',
] as const;

export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The offset (ms) of `timeZone` from UTC at the instant `utcMs`. */
function zoneOffset(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant of a wall-clock date and time ("2026-06-15", "12:00") in `timeZone`, as an ISO
 * string; undefined when the date or time is not well formed.
 */
export function zonedToIso(date: string, time: string, timeZone: string): string | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!d || !t) return undefined;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(wall)) return undefined;
  // Twice: the offset at the first guess may differ from the offset at the answer (DST change).
  let utc = wall - zoneOffset(wall, timeZone);
  utc = wall - zoneOffset(utc, timeZone);
  return new Date(utc).toISOString();
}

/** The wall-clock date ("2026-06-15") and time ("12:00") of an instant in `timeZone`. */
export function isoToZoned(iso: string, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** "lundi 15 juin 2026" ("lundi 1er juin") in `timeZone`. */
export function formatDay(iso: string, locale: string, timeZone?: string): string {
  return formatDate(new Date(iso), locale, { timeZone, dateStyle: 'full' });
}

/** "12:00" in `timeZone`. */
export function formatTime(iso: string, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}

/** "lundi 15 juin 2026, 12:00 – 13:30" in `timeZone`. */
export function formatRange(startsAt: string, endsAt: string, locale: string, timeZone?: string): string {
  const day = formatDay(startsAt, locale, timeZone);
  return `${day}, ${formatTime(startsAt, locale, timeZone)} – ${formatTime(endsAt, locale, timeZone)}`;
}

/** Whether the reader's zone shows other wall-clock times than the session's at this instant. */
export function differsFromViewer(iso: string, timeZone: string): boolean {
  const at = Date.parse(iso);
  return zoneOffset(at, timeZone) !== zoneOffset(at, viewerTimeZone());
}

export function minutesBetween(startsAt: string | null, endsAt: string | null): number {
  if (!startsAt || !endsAt) return 0;
  return Math.round((Date.parse(endsAt) - Date.parse(startsAt)) / 60_000);
}

/** "1 h 05" / "45 min" / "-3:20" style: minutes and seconds of a countdown, sign kept apart. */
export function formatClock(totalSeconds: number): string {
  const seconds = Math.abs(Math.trunc(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

export interface Countdown {
  /** Seconds left of the item's planned duration; negative once over time. */
  remaining: number;
  isOver: boolean;
}

/**
 * The countdown of the current item: its planned duration, from when the facilitator started it,
 * less its pauses and plus its extensions when the session's timer is given (meeting-timer.ts).
 */
export function countdown(
  startedAt: string | null,
  item: { startsAt: string | null; endsAt: string | null },
  now: number,
  timer?: MeetingTimer | null,
): Countdown | undefined {
  if (!startedAt) return undefined;
  const planned = minutesBetween(item.startsAt, item.endsAt) * 60;
  if (planned <= 0) return undefined;
  const remaining = Math.ceil(
    timer ? remainingMs(timer, planned * 1000, now) / 1000 : planned - (now - Date.parse(startedAt)) / 1000,
  );
  return { remaining, isOver: remaining < 0 };
}

/** A URL to open (visio link), or undefined when the place is a room or an address. */
export function placeUrl(place: string): string | undefined {
  const trimmed = place.trim();
  if (!/^https?:\/\/\S+$/i.test(trimmed)) return undefined;
  try {
    return new URL(trimmed).href;
  } catch {
    return undefined;
  }
}
