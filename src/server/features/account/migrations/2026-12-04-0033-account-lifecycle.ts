import type { Kysely, Migration } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/**
 * What the account lifecycle needs on `users` (decision 040): `deleted_at` marks the anonymised
 * row an erased account leaves behind (every foreign key keeps pointing at it), `last_active_at`
 * is written at most once a day per person, and `inactive_warned_at` is when the one warning before
 * an inactive account's deletion was queued.
 */
export function accountLifecycle(dialect: DialectName): Migration {
  const { timestamp } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('users').addColumn('deleted_at', timestamp).execute();
      await db.schema.alterTable('users').addColumn('last_active_at', timestamp).execute();
      await db.schema.alterTable('users').addColumn('inactive_warned_at', timestamp).execute();
      // The daily tick looks for the oldest activity among accounts not yet erased.
      await db.schema.createIndex('users_last_active_idx').on('users').columns(['last_active_at']).execute();
    },
  };
}
