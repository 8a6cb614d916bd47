/**
 * VTIMEZONE blocks written from the runtime's own time zone data (Intl, the tzdata that also
 * turns the session's wall-clock time into an instant everywhere else in Archipel), so a
 * calendar reader turns DTSTART;TZID=… back into exactly the stored instant.
 *
 * Each block lists the zone's actual offset changes over whole years around the events, one
 * STANDARD/DAYLIGHT sub-component per change with its DTSTART and no RRULE: longer than a
 * rule-based block, but never wrong for zones whose rules changed (Mexico, Brazil, Kazakhstan…),
 * for link names (Asia/Calcutta, US/Eastern) or for Etc/GMT±N.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Scanning step; no zone changes offset twice within it. */
const STEP = 6 * HOUR;

const formats = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset at an instant, in minutes; undefined for a zone Intl does not know. */
export function offsetMinutes(zone: string, at: number): number | undefined {
  let format = formats.get(zone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    } catch {
      return undefined;
    }
    formats.set(zone, format);
  }
  const name = format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? '';
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!match) return undefined;
  if (!match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * Whether the instant's wall-clock time in the zone names that instant alone. In the hour repeated
 * when clocks go back, RFC 5545 (3.3.5) reads a local time as its first occurrence: an event in
 * the second one must be written in UTC.
 */
export function wallTimeIsExact(zone: string, at: number): boolean {
  const own = offsetMinutes(zone, at);
  if (own === undefined) return false;
  const wall = at + own * 60_000;
  const offsets = new Set([offsetMinutes(zone, at - DAY), own, offsetMinutes(zone, at + DAY)]);
  for (const offset of offsets) {
    if (offset === undefined) continue;
    const candidate = wall - offset * 60_000;
    if (candidate < at && offsetMinutes(zone, candidate) === offset) return false;
  }
  return true;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** An instant as local date-time in the given offset: 20261203T120000. */
function localStamp(at: number, offset: number): string {
  const d = new Date(at + offset * 60_000);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** The first instant (to the minute) after `from` at which the offset is no longer `before`. */
function changeBetween(zone: string, from: number, to: number, before: number): number {
  let low = from;
  let high = to;
  while (high - low > 60_000) {
    const middle = low + Math.floor((high - low) / 120_000) * 60_000;
    if (offsetMinutes(zone, middle) === before) low = middle;
    else high = middle;
  }
  return high;
}

/** Years a VTIMEZONE may describe; events outside them are written in UTC. */
export const FIRST_YEAR = 1971;
export const LAST_YEAR = 2100;

const years = new Map<string, string[] | null>();

/** One sub-component per offset change in the UTC year, after one giving the offset on 1 January. */
function yearObservances(zone: string, year: number): string[] | null {
  const key = `${zone}|${year}`;
  const cached = years.get(key);
  if (cached !== undefined) return cached;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const first = offsetMinutes(zone, start);
  if (first === undefined) {
    years.set(key, null);
    return null;
  }
  const changes: { at: number; from: number; to: number }[] = [{ at: start, from: first, to: first }];
  let current = first;
  for (let at = start; at < end; at += STEP) {
    const next = offsetMinutes(zone, Math.min(at + STEP, end)) ?? current;
    if (next !== current) {
      changes.push({
        at: changeBetween(zone, at, Math.min(at + STEP, end), current),
        from: current,
        to: next,
      });
      current = next;
    }
  }
  const lowest = Math.min(...changes.map((change) => change.to));
  const lines = changes.flatMap((change) => {
    const kind = change.to > lowest ? 'DAYLIGHT' : 'STANDARD';
    return [
      `BEGIN:${kind}`,
      `DTSTART:${localStamp(change.at, change.from)}`,
      `TZOFFSETFROM:${utcOffset(change.from)}`,
      `TZOFFSETTO:${utcOffset(change.to)}`,
      `END:${kind}`,
    ];
  });
  years.set(key, lines);
  return lines;
}

/**
 * The VTIMEZONE of a zone describing the given UTC years (each from FIRST_YEAR to LAST_YEAR);
 * null when the zone is unknown, and callers then write UTC instants. Years are cached per zone.
 */
export function vtimezoneBlock(zone: string, wantedYears: Iterable<number>): string | null {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  for (const year of [...new Set(wantedYears)].sort((a, b) => a - b)) {
    const observances = yearObservances(zone, year);
    if (!observances) return null;
    lines.push(...observances);
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}
