import { stemWord, stripAccents } from './search-text.ts';

/**
 * A search as typed, parsed once for both engines: plain words (all required), "quoted phrases"
 * (words side by side) and prefixes (`coop*`). Only letters and digits reach either engine, so no
 * input can become FTS5 or tsquery syntax.
 */
export interface ParsedSearch {
  /** Each plain word: as typed (for PostgreSQL) and stemmed (for SQLite and snippets). */
  words: { text: string; stem: string }[];
  phrases: { text: string; stems: string[] }[];
  prefixes: { text: string; stem: string }[];
}

const PART = /"([^"]*)"?|(\S+)/gu;
const LETTERS = /[\p{L}\p{N}]+/gu;
/** More parts than this are ignored: a search is a few words, not a document. */
const MAX_PARTS = 12;

export function parseSearch(query: string): ParsedSearch {
  const parsed: ParsedSearch = { words: [], phrases: [], prefixes: [] };
  let parts = 0;
  for (const match of query.matchAll(PART)) {
    if (parts >= MAX_PARTS) break;
    const [, phrase, bare] = match;
    if (phrase !== undefined) {
      const words = phrase.match(LETTERS) ?? [];
      const stems = words.map(stemWord).filter(Boolean);
      if (stems.length === 1) parsed.words.push({ text: words.join(' '), stem: stems[0] ?? '' });
      else if (stems.length > 1) parsed.phrases.push({ text: words.join(' '), stems });
      parts += 1;
      continue;
    }
    const isPrefix = bare?.endsWith('*') ?? false;
    for (const word of bare?.match(LETTERS) ?? []) {
      parts += 1;
      if (isPrefix && bare?.endsWith(`${word}*`)) {
        // A prefix is compared with stems, so it is cut like one ("cercles*" finds "cercle").
        const stem = stripAccents(word.toLowerCase()).length < 3 ? '' : stemWord(word);
        if (stem) parsed.prefixes.push({ text: stripAccents(word.toLowerCase()), stem });
        continue;
      }
      const stem = stemWord(word);
      if (stem) parsed.words.push({ text: word, stem });
    }
  }
  return parsed;
}

export function isEmptySearch(parsed: ParsedSearch): boolean {
  return parsed.words.length + parsed.phrases.length + parsed.prefixes.length === 0;
}

/** The FTS5 MATCH expression: every part required, each stem quoted (FTS5 strings). */
export function fts5Match(parsed: ParsedSearch): string {
  const quote = (stem: string) => `"${stem.replaceAll('"', '""')}"`;
  return [
    ...parsed.words.map((word) => quote(word.stem)),
    ...parsed.phrases.map((phrase) => quote(phrase.stems.join(' '))),
    ...parsed.prefixes.map((prefix) => `${quote(prefix.stem)}*`),
  ].join(' AND ');
}

/** Whether a stem of the text answers one part of the search (for highlighting). */
export function stemMatcher(parsed: ParsedSearch): (stem: string) => boolean {
  const exact = new Set([...parsed.words.map((w) => w.stem), ...parsed.phrases.flatMap((p) => p.stems)]);
  const prefixes = parsed.prefixes.map((p) => p.stem);
  return (stem) => exact.has(stem) || prefixes.some((prefix) => stem.startsWith(prefix));
}
