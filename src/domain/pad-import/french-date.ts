/** Calendar dates as French notes write them: "mardi 15 juin 2021", "15/06/2021", "2021-06-15". */

import { foldCase } from './text-folding.ts';

export interface DateReading {
  /** `YYYY-MM-DD`. */
  iso: string;
  /** The folded text with the date taken out, to judge what else the line says. */
  rest: string;
}

const monthNumbers: Record<string, number> = {
  janvier: 1,
  janv: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  mars: 3,
  avril: 4,
  avr: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  juil: 7,
  aout: 8,
  septembre: 9,
  sept: 9,
  octobre: 10,
  oct: 10,
  novembre: 11,
  nov: 11,
  decembre: 12,
  dec: 12,
};
const monthNames = Object.keys(monthNumbers).join('|');
const written = new RegExp(
  String.raw`(?<![\p{L}\d])(\d{1,2})(?:er)?\s+(${monthNames})\.?\s+(\d{4})(?!\d)`,
  'u',
);
const numeric = /(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/.-]?\d)/;
const isoLike = /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/;

/** The first date in the text, or null when none is complete (a day and month without a year is not one). */
export function readFrenchDate(text: string): DateReading | null {
  const folded = foldCase(text);
  const iso = isoLike.exec(folded);
  if (iso) return toReading(folded, iso, Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const words = written.exec(folded);
  if (words)
    return toReading(folded, words, Number(words[3]), monthNumbers[words[2] ?? ''], Number(words[1]));
  const digits = numeric.exec(folded);
  if (digits)
    return toReading(folded, digits, fullYear(digits[3] ?? ''), Number(digits[2]), Number(digits[1]));
  return null;
}

function fullYear(year: string): number {
  return year.length === 2 ? 2000 + Number(year) : Number(year);
}

function toReading(
  folded: string,
  match: RegExpExecArray,
  year: number,
  month: number | undefined,
  day: number,
): DateReading | null {
  if (month === undefined || !isCalendarDate(year, month, day)) return null;
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const rest = `${folded.slice(0, match.index)} ${folded.slice(match.index + match[0].length)}`;
  return { iso, rest: rest.trim() };
}

/**
 * Meetings are dated from 1900 to 2999. Beyond, dates stop being stored as written: years 0–99
 * are read as 1900–1999 by `Date`, and a year past 9999 has no ISO form PostgreSQL accepts.
 */
export const meetingYears = { first: 1900, last: 2999 } as const;

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < meetingYears.first || year > meetingYears.last || month < 1 || month > 12 || day < 1)
    return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether a `YYYY-MM-DD` date is a day of the calendar within the years meetings are dated in. */
export function isMeetingDate(iso: string): boolean {
  const [year, month, day] = iso.split('-').map(Number);
  return isCalendarDate(year ?? Number.NaN, month ?? Number.NaN, day ?? Number.NaN);
}
