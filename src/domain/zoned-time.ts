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
