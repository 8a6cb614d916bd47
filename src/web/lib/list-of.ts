/** The `{ items, nextCursor }` envelope of every list answer (contract/list.ts `listOf`). */
export interface ListOf<T> {
  items: T[];
  nextCursor?: string | null;
}
