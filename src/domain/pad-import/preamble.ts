/** The lines above the first section: the meeting's title, subtitle and date. */

import { readFrenchDate } from './french-date.ts';
import { type PadLine, stripEmphasis, withoutClosingHashes } from './pad-lines.ts';

export interface PreambleReading {
  title: string | null;
  subtitle: string | null;
  date: string | null;
  /** The line the date was read from, as written. */
  dateText: string | null;
  /** Lines that are neither title, subtitle nor date ("Lieu : visio"). */
  rest: PadLine[];
}

// What a line that only dates the meeting says besides the date: "Réunion du", "Date :", "mardi".
const dateOnlyWords = new Set(
  (
    'reunion seance rencontre atelier date du le la l de d en compte rendu cr notes ' +
    'lundi mardi mercredi jeudi vendredi samedi dimanche h a'
  ).split(' '),
);
// "Lieu : visio", "Animation : Nadia": details of the meeting, not its subtitle.
const keyValue = /^[^:]{1,30}\s:\s*\S|^[^:\s]{1,30}:\s*\S/;

export function readPreamble(lines: readonly PadLine[]): PreambleReading {
  const texts = lines.filter((line) => !line.isBlank);
  // Up to the first dated line only, and the other lines as they are: a pad without headings is
  // all preamble, and reading each of its lines twice over cost seconds on a megabyte.
  let dated = -1;
  let date: ReturnType<typeof readFrenchDate> = null;
  while (date === null && ++dated < texts.length) date = readFrenchDate(lineText(texts[dated]));
  const dateLine = texts[dated];
  const isDateOnly = date !== null && isOnlyADate(date.rest);
  const candidates = isDateOnly && texts.length > 1 ? texts.filter((_, index) => index !== dated) : texts;
  const title = candidates[0] ? lineText(candidates[0]) : null;
  const second = candidates[1] ? lineText(candidates[1]) : null;
  const isSubtitle = second !== null && second.length <= 140 && !keyValue.test(second);
  return {
    title,
    subtitle: isSubtitle ? second : null,
    date: date?.iso ?? null,
    dateText: dateLine ? lineText(dateLine) : null,
    // Still in the pad's order: only the date line was taken out.
    rest: candidates.slice(isSubtitle ? 2 : 1),
  };
}

/** A Markdown title ("# Cercle Codev") or bold line read without its markers. */
function lineText(line: PadLine | undefined): string {
  if (!line) return '';
  return stripEmphasis(withoutClosingHashes(line.body.replace(/^#{1,6}\s+/, '')));
}

function isOnlyADate(rest: string): boolean {
  const words = rest.split(/[^\p{L}\d]+/u).filter((word) => word.length > 0);
  return words.every((word) => dateOnlyWords.has(word) || /^\d{1,2}h?\d{0,2}$/.test(word));
}
