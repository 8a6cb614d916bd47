import type { Kysely, Migration } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/**
 * A mark whose object cannot be indexed (its source fails on it) waits before it is tried again,
 * longer each time, instead of failing every round with the marks read beside it: the others are
 * indexed meanwhile (search/search-indexer.ts).
 */
export function searchRetries(dialect: DialectName): Migration {
  const { timestamp } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('search_pending')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('search_pending').addColumn('retry_at', timestamp).execute();
    },
  };
}
