import { type ParsedSearch, stemMatcher } from './search-query.ts';
import { wordsOf } from './search-text.ts';

export type Highlight = [start: number, end: number];

/** Only this much of a document is read for its snippet (its best match is usually early). */
const SCAN_CHARS = 50_000;
/** Words shown before the first match, and in all. */
const WORDS_BEFORE = 8;
const WORDS_SHOWN = 32;

/** Between two words: Markdown marks read as spaces, line breaks as " · ", spaces as one. */
function separator(raw: string): string {
  return raw
    .replace(/\n\s*(?:[-*+]|\d+[.)])\s+/g, '\n')
    .replace(/[#*_>`[\]()|~]+/g, ' ')
    .replace(/\s*\n\s*/g, ' · ')
    .replace(/( · )+/g, ' · ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ([.,])/g, '$1');
}

/**
 * Plain text around the best match of the search in a text (the window holding the most matched
 * words), with the offsets of the matched words in it. Matches are decided by stems, as the engines
 * decide them, so "cooperation" lights up "Coopération". The text is returned as text: the client
 * renders highlights as elements, never as HTML.
 */
export function snippetOf(text: string, parsed: ParsedSearch): { text: string; highlights: Highlight[] } {
  const scanned = text.slice(0, SCAN_CHARS);
  const words = wordsOf(scanned);
  if (words.length === 0) return { text: '', highlights: [] };
  const matches = stemMatcher(parsed);
  const matched = words.map((word) => matches(word.stem));
  let best = 0;
  let bestCount = -1;
  for (let i = 0; i < words.length; i++) {
    if (!matched[i]) continue;
    const count = matched.slice(i, i + WORDS_SHOWN - WORDS_BEFORE).filter(Boolean).length;
    if (count > bestCount) [best, bestCount] = [i, count];
  }
  const first = Math.max(0, bestCount < 0 ? 0 : best - WORDS_BEFORE);
  const last = Math.min(words.length, first + WORDS_SHOWN) - 1;
  let out = first > 0 ? '… ' : '';
  const highlights: Highlight[] = [];
  for (let i = first; i <= last; i++) {
    const word = words[i];
    const previous = words[i - 1];
    if (!word) continue;
    if (i > first && previous) out += separator(scanned.slice(previous.end, word.start));
    if (matched[i]) highlights.push([out.length, out.length + (word.end - word.start)]);
    out += scanned.slice(word.start, word.end);
  }
  if (last < words.length - 1 || scanned.length < text.length) out += ' …';
  return { text: out, highlights };
}

/** The matched words of a short text shown whole (a title). */
export function highlightsIn(text: string, parsed: ParsedSearch): Highlight[] {
  const matches = stemMatcher(parsed);
  return wordsOf(text)
    .filter((word) => matches(word.stem))
    .map((word): Highlight => [word.start, word.end]);
}
