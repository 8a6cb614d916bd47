import type { ColumnType } from 'kysely';
import type { Timestamp } from '../../db/schema.ts';
import type { SearchAudience } from '../../search/search-source.ts';

/** Marks set by triggers (migration 0027): this document must be read again. */
export interface SearchPendingTable {
  kind: string;
  objectId: string;
  /** Raised by every mark: the indexer clears a mark only if nobody marked it again meanwhile. */
  version: number;
  /** Times its object failed to index (migration 0041); the mark waits until `retryAt` then. */
  attempts: ColumnType<number, number | undefined, number>;
  retryAt: ColumnType<Date | string | null, string | null | undefined, string | null>;
}

/** One searchable object as the indexer last read it, with what decides who may find it. */
export interface SearchDocumentsTable {
  /** `<kind>:<objectId>`. */
  id: string;
  kind: string;
  objectId: string;
  communityId: string;
  circleId: string | null;
  /** The session whose listed people may read it (a private circle's session or next step). */
  sessionId: string | null;
  /** When set, only this person finds it (a private or hidden post-it is its author's). */
  ownerId: string | null;
  audience: SearchAudience;
  title: string;
  body: string;
  /** The web address of the object, from the site's root. */
  url: string;
  date: Timestamp | null;
  updatedAt: Timestamp;
  /** SQLite only: the row of `search_fts` holding this document's stems. */
  ftsRowid: ColumnType<number, number | undefined, number>;
}

/** SQLite only (FTS5): the stems of each document's title and text, by `rowid`. */
export interface SearchFtsTable {
  rowid: number;
  title: string;
  body: string;
}

declare module '../../db/schema.ts' {
  interface DB {
    searchPending: SearchPendingTable;
    searchDocuments: SearchDocumentsTable;
    searchFts: SearchFtsTable;
  }
}
