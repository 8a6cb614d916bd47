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
/** Results are paged by this many at most; deeper than MAX_SEARCH_OFFSET, refine the search. */
export const MAX_SEARCH_LIMIT = 50;
export const MAX_SEARCH_OFFSET = 1000;

export function isSearchKind(value: string): value is SearchKind {
  return (searchKinds as readonly string[]).includes(value);
}
