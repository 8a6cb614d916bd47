import { TZDate } from '@date-fns/tz';

/**
 * The instant at which a wall-clock time happens in a time zone ("12h00 on 15 June 2021 in
 * Europe/Paris" is 10:00 UTC). Daylight-saving changes are the library's business.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return new Date(new TZDate(year, month - 1, day, hours, minutes, timeZone).getTime());
}

/** The zone of communities that did not choose one, and of people in no community. */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/**
 * One formatter per zone: building an Intl.DateTimeFormat costs about a millisecond (the zone's
 * data is loaded each time), formatting with one a few microseconds; the dashboard asks per step.
 */
const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

/** Calendar parts of an instant in a time zone: its date (YYYY-MM-DD), hour and weekday ("Mon"). */
export function zonedParts(instant: Date, timeZone: string): { date: string; hour: number; weekday: string } {
  const parts = Object.fromEntries(
    partsFormat(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    weekday: parts.weekday ?? '',
  };
}
