import { getVtimezoneComponent } from '@touch4it/ical-timezones';

/**
 * VTIMEZONE blocks that agree with the runtime's own time zone data (Intl, the tzdata that also
 * turns the session's wall-clock time into an instant everywhere else in Archipel), so a
 * calendar reader turns DTSTART;TZID=… back into exactly the stored instant.
 *
 * The data set `@touch4it/ical-timezones` (tzdata 2018g, short rule-based blocks) is used for a
 * zone when, over the years concerned, its rules give the runtime's offsets; otherwise (rules
 * changed since: Mexico, Brazil, Kazakhstan…; link names such as Asia/Calcutta, which it files
 * under another TZID; Etc/GMT±N, whose sign it reverses) the block is written from Intl: the
 * zone's actual offset changes over whole years around the events, one STANDARD/DAYLIGHT
 * sub-component per change with its DTSTART and no RRULE.
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
 * Whether the instant's wall-clock time in the zone names that instant alone. A time in the hour
 * repeated when clocks go back names two instants: RFC 5545 (3.3.5) reads it as the first, some
 * readers (ical.js, so Thunderbird) as the second; an event there is written in UTC instead.
 */
export function wallTimeIsExact(zone: string, at: number): boolean {
  const own = offsetMinutes(zone, at);
  if (own === undefined) return false;
  const wall = at + own * 60_000;
  const offsets = new Set([offsetMinutes(zone, at - DAY), own, offsetMinutes(zone, at + DAY)]);
  for (const offset of offsets) {
    if (offset === undefined) continue;
    const candidate = wall - offset * 60_000;
    if (candidate !== at && offsetMinutes(zone, candidate) === offset) return false;
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

interface Observance {
  from: number;
  to: number;
  /** Local onset (DTSTART) as [month 1-12, day, seconds into the day]; the year comes from the rule. */
  month: number;
  day: number;
  seconds: number;
  /** RRULE:FREQ=YEARLY;BYMONTH=m;BYDAY=nDD as [m, n (-1 = last), weekday 0-6]; none for a fixed offset. */
  rule: [number, number, number] | null;
}

const weekdays = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

function parseOffset(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  return sign * (Number(text.slice(1, 3)) * 60 + Number(text.slice(3, 5)));
}

/**
 * The observances of a rule-based block in the "Outlook" shape the data set uses (at most one
 * STANDARD and one DAYLIGHT, each with a yearly BYMONTH/BYDAY rule); null for any other shape.
 */
function parseRuleBlock(block: string): Observance[] | null {
  const observances: Observance[] = [];
  for (const [, body] of block.matchAll(
    /BEGIN:(?:STANDARD|DAYLIGHT)\r?\n([\s\S]*?)END:(?:STANDARD|DAYLIGHT)/g,
  )) {
    const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(body ?? '')?.[1]?.trim();
    const from = field('TZOFFSETFROM');
    const to = field('TZOFFSETTO');
    const start = /^\d{4}(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(field('DTSTART') ?? '');
    const rrule = field('RRULE');
    if (!from || !to || !start) return null;
    let rule: Observance['rule'] = null;
    if (rrule) {
      const parts = /^FREQ=YEARLY;BYMONTH=(\d{1,2});BYDAY=(-1|[1-4])(SU|MO|TU|WE|TH|FR|SA)$/.exec(rrule);
      if (!parts) return null;
      rule = [Number(parts[1]), Number(parts[2]), weekdays.indexOf(parts[3] ?? '')];
    }
    const [, month, day, hours, minutes, seconds] = start.map(Number);
    observances.push({
      from: parseOffset(from),
      to: parseOffset(to),
      month: month ?? 1,
      day: day ?? 1,
      seconds: (hours ?? 0) * 3600 + (minutes ?? 0) * 60 + (seconds ?? 0),
      rule,
    });
  }
  return observances.length > 0 && observances.length <= 2 ? observances : null;
}

/** The UTC instant at which a rule observance begins in a year. */
function onsetIn(observance: Observance, year: number): number {
  const [month, nth, weekday] = observance.rule ?? [observance.month, 1, -1];
  let day: number;
  if (weekday < 0) {
    day = observance.day;
  } else if (nth > 0) {
    const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    day = 1 + ((weekday - firstWeekday + 7) % 7) + (nth - 1) * 7;
  } else {
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const lastWeekday = new Date(Date.UTC(year, month - 1, lastDay)).getUTCDay();
    day = lastDay - ((lastWeekday - weekday + 7) % 7);
  }
  return Date.UTC(year, month - 1, day) + observance.seconds * 1000 - observance.from * 60_000;
}

/** The offset a rule-based block gives at an instant. */
function blockOffset(observances: Observance[], at: number): number | undefined {
  const year = new Date(at).getUTCFullYear();
  const fixed = observances.find((observance) => observance.rule === null);
  let latest: { onset: number; to: number } | undefined;
  for (const observance of observances) {
    if (observance.rule === null) continue;
    for (const y of [year - 1, year]) {
      const onset = onsetIn(observance, y);
      if (onset <= at && (!latest || onset > latest.onset)) latest = { onset, to: observance.to };
    }
  }
  return latest?.to ?? fixed?.to;
}

/**
 * Whether the data set's rule-based block says exactly what the runtime's data says over a UTC
 * year: same offset at every change either one makes, and just before it.
 */
function ruleBlockAgrees(observances: Observance[], zone: string, year: number): boolean {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const instants = [start];
  for (let at = start; at < end; at += STEP) {
    const before = offsetMinutes(zone, at);
    const after = offsetMinutes(zone, Math.min(at + STEP, end));
    if (before !== after && before !== undefined)
      instants.push(changeBetween(zone, at, Math.min(at + STEP, end), before));
  }
  for (const observance of observances) {
    if (observance.rule === null) continue;
    const onset = onsetIn(observance, year);
    if (onset >= start && onset < end) instants.push(onset);
  }
  return instants.every(
    (at) =>
      blockOffset(observances, at) === offsetMinutes(zone, at) &&
      blockOffset(observances, at - 60_000) === offsetMinutes(zone, at - 60_000),
  );
}

const ruleBlocks = new Map<string, { block: string; observances: Observance[] } | null>();
const agreements = new Map<string, boolean>();

/** The data set's block for the zone, when it is under that very name and in the Outlook shape. */
function ruleBlockOf(zone: string) {
  let found = ruleBlocks.get(zone);
  if (found === undefined) {
    const block = getVtimezoneComponent(zone);
    const observances =
      block && /^TZID:(.*)$/m.exec(block)?.[1]?.trim() === zone ? parseRuleBlock(block) : null;
    found = block && observances ? { block, observances } : null;
    ruleBlocks.set(zone, found);
  }
  return found;
}

/**
 * The VTIMEZONE to write for a zone and the UTC years its events touch: the data set's short,
 * rule-based block (the shape Outlook reads best) when it agrees with the runtime's data over
 * those years, else the block written from the runtime's data. Null for an unknown zone.
 */
export function vtimezoneFor(zone: string, wantedYears: Iterable<number>): string | null {
  const list = [...new Set(wantedYears)];
  const ruled = ruleBlockOf(zone);
  if (ruled) {
    const agrees = list.every((year) => {
      const key = `${zone}|${year}`;
      let agreement = agreements.get(key);
      if (agreement === undefined) {
        agreement = ruleBlockAgrees(ruled.observances, zone, year);
        agreements.set(key, agreement);
      }
      return agreement;
    });
    if (agrees) return ruled.block;
  }
  return vtimezoneBlock(zone, list);
}
