/**
 * A design's sequences placed on a session's agenda. Times are wall-clock times in the session's
 * zone, so "14h00, 14h10…" stay what the design says even across a change of daylight-saving time.
 */
import { zonedInstant } from './zoned-time.ts';

/**
 * The agenda slots of sequences laid end to end from a wall-clock start ("2026-09-14T14:00") in
 * `timeZone`: each slot starts where the previous one ends, counted on the wall clock.
 */
export function planSequences(
  start: string,
  minutes: readonly number[],
  timeZone: string,
): { startsAt: Date; endsAt: Date }[] {
  const [date = '', time = ''] = start.split('T');
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const [hours = 0, mins = 0] = time.split(':').map(Number);
  // Minutes on a naive (zone-free) clock, read back as a date and a time, then placed in the zone.
  const naive = Date.UTC(year, month - 1, day, hours, mins);
  const at = (offset: number) => {
    const wall = new Date(naive + offset * 60_000).toISOString();
    return zonedInstant(wall.slice(0, 10), wall.slice(11, 16), timeZone);
  };
  const slots: { startsAt: Date; endsAt: Date }[] = [];
  let elapsed = 0;
  for (const length of minutes) {
    slots.push({ startsAt: at(elapsed), endsAt: at(elapsed + length) });
    elapsed += length;
  }
  return slots;
}
