import snowball from 'snowball-stemmers';

/**
 * French text as the search engine compares it, the same for what is indexed and what is asked:
 * words (letters and digits), lower case, Snowball French stems, then accents removed. The stem is
 * taken before the accents go because the French stemmer reads them ("coopération" and "coopérer"
 * both give "coopér", then "cooper"). SQLite's FTS5 has no French stemmer, so the index stores these
 * stems; PostgreSQL does the same work itself with its `french` configuration and `unaccent`.
 */
const stemmer = snowball.newStemmer('french');

/** A word: letters or digits, with inner apostrophes and hyphens split off (l'équipe → équipe). */
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Words too common to search for; PostgreSQL's `french` configuration drops its own list, this one
 * keeps SQLite from requiring "de" in every result of "cercle de codev".
 */
const STOP_WORDS = new Set(
  (
    'a au aux avec ce ces cet cette d dans de des du elle elles en est et eux il ils je j l la le les leur ' +
    'leurs lui m ma mais me mes moi mon n ne nos notre nous on ou par pas pour qu que qui s sa se ses son sur ' +
    't ta te tes toi ton tu un une vos votre vous y été être ai as avons avez ont'
  ).split(' '),
);

export function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

/**
 * Stems already computed: a community's texts reuse the same few thousand words, and the Snowball
 * stemmer costs tens of microseconds a word. Bounded: emptied when full, then filled again.
 */
const stems = new Map<string, string>();
const MAX_CACHED_STEMS = 100_000;

/** One word's search form, or '' for a stop word. */
export function stemWord(word: string): string {
  const lower = word.toLowerCase();
  const cached = stems.get(lower);
  if (cached !== undefined) return cached;
  const stem =
    STOP_WORDS.has(lower) || STOP_WORDS.has(stripAccents(lower)) ? '' : stripAccents(stemmer.stem(lower));
  if (stems.size >= MAX_CACHED_STEMS) stems.clear();
  stems.set(lower, stem);
  return stem;
}

export interface WordAt {
  /** Offset of the word in the text, and its length. */
  start: number;
  end: number;
  stem: string;
}

/** The words of a text with their offsets and stems (stop words left out). */
export function wordsOf(text: string): WordAt[] {
  const words: WordAt[] = [];
  for (const match of text.matchAll(WORD)) {
    const stem = stemWord(match[0]);
    if (stem) words.push({ start: match.index, end: match.index + match[0].length, stem });
  }
  return words;
}

/** What SQLite's full-text table holds for a text: its stems, in order, separated by spaces. */
export function stemmedText(text: string): string {
  return wordsOf(text)
    .map((word) => word.stem)
    .join(' ');
}

/**
 * The words of a JSON list column (strings, or objects whose string fields are text), for
 * indexing; anything else stored there reads as nothing.
 */
export function textOfJsonList(json: string): string {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return '';
    return value
      .flatMap((item: unknown) => {
        if (typeof item === 'string') return [item];
        if (typeof item !== 'object' || item === null) return [];
        return Object.values(item).filter((field): field is string => typeof field === 'string');
      })
      .join('\n');
  } catch {
    return '';
  }
}
