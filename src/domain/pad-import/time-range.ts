/** Clock times as pads write them ("12h00", "12h", "9:30") and the ranges agenda items carry. */

export interface TimeRange {
  /** `HH:MM`. */
  start: string;
  end: string | null;
}

export interface TimedText {
  range: TimeRange;
  /** The text once the range and its separators are removed. */
  rest: string;
}

const time = String.raw`(\d{1,2})\s?(?:[hH]\s?(\d{2})?(?![\d\p{L}])|:(\d{2})(?!\d))`;
const separator = String.raw`\s*(?:->|=>|→|>|–|—|-|/)\s*|\s+(?:à|a|au)\s+`;
// "de 9h30 à 9h45", "[12h00 > 12h10]", "(9:30-9:45)", "12h-12h10", or a single start time.
const leading = new RegExp(
  String.raw`^(?:de\s+)?([\[(]\s*)?${time}(?:(?:${separator})${time})?\s*([\])])?`,
  'iu',
);
// A range after the title must be set apart, in brackets or after a dash: "Météo (12h00-12h10)".
// The pattern is not anchored at the start: `(?<!\s)` makes it try a run of blanks from its first
// blank only, and the closing bracket is optional as a whole with its blanks, never `\s*…?\s*$`:
// either way round a long run of blanks would be retried from each of its positions.
const trailing = new RegExp(
  String.raw`(?:(?<!\s)\s+[-–—:]\s*|(?<!\s)\s*[\[(]\s*)(?:de\s+)?${time}(?:${separator})${time}(?:\s*[\])])?\s*$`,
  'iu',
);
const titleSeparator = /^[\s:|–—-]+/;

/** "09:05" from hours and minutes, or null when they name no time of day. */
export function toClockTime(hours: string, minutes: string | undefined): string | null {
  const h = Number(hours);
  const m = minutes === undefined ? 0 : Number(minutes);
  if (!Number.isInteger(h) || !Number.isInteger(m) || h > 23 || m > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** A time or range opening the text, as agenda lines write it. */
export function readLeadingTimeRange(text: string): TimedText | null {
  const match = leading.exec(text);
  if (!match) return null;
  const [whole, open, startH, startM1, startM2, endH, endM1, endM2, close] = match;
  const start = startH === undefined ? null : toClockTime(startH, startM1 ?? startM2);
  if (start === null) return null;
  const end = endH === undefined ? null : toClockTime(endH, endM1 ?? endM2);
  if (endH !== undefined && end === null) return null;
  const after = text.slice(whole.length);
  // A lone time must be set apart ("9h30 : Accueil", "[9h30] Accueil", "9h30 Accueil"):
  // "2h de travail" is a duration, not an item starting at 02:00.
  const isSetApart = /^\s*(?:[:|–—-]|$)/.test(after) || (/\s$/.test(whole) && /^\p{Lu}/u.test(after));
  if (end === null && !open && !close && !isSetApart) return null;
  return { range: { start, end }, rest: after.replace(titleSeparator, '').trim() };
}

/** A range closing the text: "Un tour de météo (12h00-12h10)". */
export function readTrailingTimeRange(text: string): TimedText | null {
  const match = trailing.exec(text);
  if (!match || match.index === 0) return null;
  const [, startH, startM1, startM2, endH, endM1, endM2] = match;
  if (startH === undefined || endH === undefined) return null;
  const start = toClockTime(startH, startM1 ?? startM2);
  const end = toClockTime(endH, endM1 ?? endM2);
  if (start === null || end === null) return null;
  return { range: { start, end }, rest: text.slice(0, match.index).trim() };
}

export function readTimeRange(text: string): TimedText | null {
  return readLeadingTimeRange(text) ?? readTrailingTimeRange(text);
}
