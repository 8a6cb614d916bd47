import { dayIn, monthIn } from '../../../domain/event.ts';
import { formatDay, formatTime } from '../sessions/session-time.ts';

/**
 * Dates of events, always in the event's own time zone (a site in La Réunion keeps its local
 * hours for a reader in Paris), written by Intl in the interface's language.
 */

/** "novembre 2026" for a "2026-11" month key. */
export function formatMonth(month: string, locale: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (monthNumber ?? 1) - 1, 15));
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(date);
}

const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/**
 * "Mardi 17 novembre 2026, 09:00 – 17:30" on one day, "Du mardi 17 novembre 2026, 09:00 au
 * jeudi 19 novembre 2026, 17:00" over several (`spans` words the second form).
 */
export function formatEventRange(
  startsAt: string,
  endsAt: string,
  timeZone: string,
  locale: string,
  spans: (from: string, to: string) => string,
): string {
  const startDay = formatDay(startsAt, locale, timeZone);
  const start = `${startDay}, ${formatTime(startsAt, locale, timeZone)}`;
  if (dayIn(startsAt, timeZone) === dayIn(endsAt, timeZone)) {
    return capitalised(`${start} – ${formatTime(endsAt, locale, timeZone)}`);
  }
  return capitalised(
    spans(start, `${formatDay(endsAt, locale, timeZone)}, ${formatTime(endsAt, locale, timeZone)}`),
  );
}

/** Items grouped by a key, in the order the keys first appear. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups];
}

/** Events grouped by the month they start in, in their own zone. */
export function byMonth<T extends { startsAt: string; timeZone: string }>(events: readonly T[]) {
  return groupBy(events, (event) => monthIn(event.startsAt, event.timeZone));
}

/** Slots grouped by day in the event's zone, each day in chronological order. */
export function byDay<T extends { startsAt: string; endsAt: string }>(slots: readonly T[], timeZone: string) {
  const sorted = [...slots].sort(
    (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || Date.parse(a.endsAt) - Date.parse(b.endsAt),
  );
  return groupBy(sorted, (slot) => dayIn(slot.startsAt, timeZone));
}
