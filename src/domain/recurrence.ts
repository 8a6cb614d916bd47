import { zonedInstant } from './zoned-time.ts';

/**
 * Recurring sessions: a series repeats a wall-clock time (12:00 in the community's zone) every N
 * weeks on the first date's weekday, or every N months on the same weekday of the same week of the
 * month ("every 2nd Tuesday"; a first date on the 29th to the 31st, a fifth Tuesday, means "the
 * last Tuesday"). Dates are calendar days, computed without any zone; each day's instants come from
 * zonedInstant, so 12:00 stays 12:00 across daylight-saving changes.
 */
export const recurrenceFrequencies = ['weekly', 'monthly'] as const;
export type RecurrenceFrequency = (typeof recurrenceFrequencies)[number];

/** A series creates at most this many sessions. */
export const MAX_SERIES_OCCURRENCES = 52;

export interface RecurrenceRule {
  frequency: RecurrenceFrequency;
  /** Every `interval` weeks or months (1 = every week / month). */
  interval: number;
  /** The first occurrence, YYYY-MM-DD; it sets the weekday (and the week of the month). */
  firstDate: string;
  /** How many dates the rule makes (skipped ones included), or… */
  count?: number | undefined;
  /** …the last day a date may fall on (inclusive), YYYY-MM-DD. */
  until?: string | undefined;
  /** Dates of the rule left out. */
  skip?: readonly string[] | undefined;
  /** Dates of the rule held on another day instead (its times may change too). */
  moves?:
    | readonly { date: string; to: string; startTime?: string | undefined; endTime?: string | undefined }[]
    | undefined;
}

export interface Occurrence {
  /** The day the session is held (a moved one's new day). */
  date: string;
  /** The rule's date it stands for. */
  ruleDate: string;
  startTime?: string | undefined;
  endTime?: string | undefined;
}

export type RecurrenceProblem =
  | { kind: 'no-end' }
  | { kind: 'too-many' }
  | { kind: 'not-a-rule-date'; field: 'skip' | 'moves'; index: number };

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (date: string) => {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day);
};

/** The `nth` (1-4, or -1 for the last) `weekday` (0 = Sunday) of a month, as a UTC day. */
function nthWeekday(year: number, month: number, weekday: number, nth: number): number {
  if (nth > 0) {
    const first = Date.UTC(year, month, 1);
    const offset = (weekday - new Date(first).getUTCDay() + 7) % 7;
    return first + (offset + (nth - 1) * 7) * DAY;
  }
  const last = Date.UTC(year, month + 1, 0);
  const back = (new Date(last).getUTCDay() - weekday + 7) % 7;
  return last - back * DAY;
}

/** Which week of its month a day is (1-4), or -1 for a fifth one (the 29th to the 31st): "the last". */
export function weekOfMonth(date: string): number {
  const day = Number(date.slice(8, 10));
  return day > 28 ? -1 : Math.ceil(day / 7);
}

/** The rule's dates, before skips and moves; stops at the count, the until day or one past the maximum. */
export function ruleDates(rule: RecurrenceRule): string[] {
  const first = dayMs(rule.firstDate);
  const until = rule.until ? dayMs(rule.until) : Number.POSITIVE_INFINITY;
  const limit = Math.min(rule.count ?? Number.POSITIVE_INFINITY, MAX_SERIES_OCCURRENCES + 1);
  const interval = Math.max(1, Math.floor(rule.interval));
  const dates: string[] = [];
  const start = new Date(first);
  const nth = weekOfMonth(rule.firstDate);
  for (let k = 0; dates.length < limit; k++) {
    const at =
      rule.frequency === 'weekly'
        ? first + k * interval * 7 * DAY
        : nthWeekday(start.getUTCFullYear(), start.getUTCMonth() + k * interval, start.getUTCDay(), nth);
    if (at > until) break;
    dates.push(isoDay(at));
  }
  return dates;
}

/** What is wrong with a rule, if anything: no end, too many dates, or exceptions off the rule. */
export function recurrenceProblems(rule: RecurrenceRule): RecurrenceProblem[] {
  if (rule.count === undefined && rule.until === undefined) return [{ kind: 'no-end' }];
  const dates = ruleDates(rule);
  const problems: RecurrenceProblem[] = [];
  if (dates.length > MAX_SERIES_OCCURRENCES) problems.push({ kind: 'too-many' });
  const known = new Set(dates);
  for (const [index, date] of (rule.skip ?? []).entries())
    if (!known.has(date)) problems.push({ kind: 'not-a-rule-date', field: 'skip', index });
  for (const [index, move] of (rule.moves ?? []).entries())
    if (!known.has(move.date)) problems.push({ kind: 'not-a-rule-date', field: 'moves', index });
  return problems;
}

/** The sessions a rule makes: its dates without the skipped ones, moved ones on their new day. */
export function occurrences(rule: RecurrenceRule): Occurrence[] {
  const skipped = new Set(rule.skip ?? []);
  const moves = new Map((rule.moves ?? []).map((move) => [move.date, move]));
  return ruleDates(rule)
    .slice(0, MAX_SERIES_OCCURRENCES)
    .filter((date) => !skipped.has(date))
    .map((ruleDate) => {
      const move = moves.get(ruleDate);
      return move
        ? { date: move.to, ruleDate, startTime: move.startTime, endTime: move.endTime }
        : { date: ruleDate, ruleDate };
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** An occurrence's instants: its day at the series' (or its own) wall-clock times in the zone. */
export function occurrenceTimes(
  occurrence: Occurrence,
  times: { startTime: string; endTime: string; timeZone: string },
): { startsAt: Date; endsAt: Date } {
  return {
    startsAt: zonedInstant(occurrence.date, occurrence.startTime ?? times.startTime, times.timeZone),
    endsAt: zonedInstant(occurrence.date, occurrence.endTime ?? times.endTime, times.timeZone),
  };
}
