import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectName } from '../../../db/database.ts';

/**
 * SQLite: the columns the visibility rule reads, under each document's full-text rowid, in one
 * index the search walks instead of the documents' rows (decision 058). A common word's candidates
 * are read by key one after another until a thousand visible ones are found; each read of a wide
 * row (its text beside the columns) cost about 8 µs at 140,000 documents, an entry of this index
 * about 1.3 µs. PostgreSQL finds its candidates through other indexes (decision 033): nothing there.
 */
export function searchVisibilityIndex(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect !== 'sqlite') return;
      await sql`create index search_documents_visibility_idx on search_documents
        (fts_rowid, audience, community_id, circle_id, session_id, owner_id, id)`.execute(db);
    },
  };
}
