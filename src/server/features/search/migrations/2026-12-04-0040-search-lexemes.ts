import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectName } from '../../../db/database.ts';

/**
 * PostgreSQL: a narrow row for the search scan. The weighted tsvector, its adjacent pairs and the
 * text each took about 2 KB stored out of line (TOAST): finding the newest thousand matches read
 * and decompressed one per candidate, which took 70–90 ms for a phrase or prefix over 100,000
 * documents. Now `lexemes` (the same lexemes without positions or weights, about 1.4 KB) stays in
 * the row under its own GIN index and answers words and prefixes; `pairs` answers phrases; the
 * full `tsv` is read only to rank the chosen thousand or to check a phrase pairs cannot settle.
 * SQLite's FTS5 is unchanged.
 */
export function searchLexemes(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect !== 'postgres') return;
      await sql`alter table search_documents add column lexemes tsvector not null default ''`.execute(db);
      // Kept in the row (compressed only as a last resort); the large columns go out of it first.
      await sql`alter table search_documents alter column lexemes set storage main`.execute(db);
      for (const column of ['body', 'tsv', 'pairs']) {
        await sql`alter table search_documents alter column ${sql.ref(column)} set storage external`.execute(
          db,
        );
      }
      await sql`update search_documents set lexemes = strip(tsv)`.execute(db);
      await sql`create index search_documents_lexemes_idx on search_documents using gin (lexemes)`.execute(
        db,
      );
      // Nothing searches `tsv` through an index any more: the index only slowed writes.
      await sql`drop index search_documents_tsv_idx`.execute(db);
    },
  };
}
