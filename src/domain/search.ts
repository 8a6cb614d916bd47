/** The kinds of objects search finds, in the order the filter lists them. */
export const searchKinds = [
  'session',
  'action',
  'postit',
  'poll',
  'date-poll',
  'signup-sheet',
  'glossary',
  'event',
  'learning-design',
  'circle',
] as const;
export type SearchKind = (typeof searchKinds)[number];

/** At most this many characters are searched for. */
export const MAX_SEARCH_LENGTH = 200;
/**
 * The newest this many matches the viewer may open are ranked, and counted: `total` is exact up
 * to it. Results are paged by MAX_SEARCH_LIMIT at most, and end within them; past that, refine.
 */
export const MAX_SEARCH_RESULTS = 1000;
export const MAX_SEARCH_LIMIT = 50;
export const MAX_SEARCH_OFFSET = MAX_SEARCH_RESULTS - MAX_SEARCH_LIMIT;

export function isSearchKind(value: string): value is SearchKind {
  return (searchKinds as readonly string[]).includes(value);
}
