import type { Kysely, Migration } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/**
 * An instance admin may disable an account (issue 15): while `disabled_at` is set, no session can
 * be created for it (auth.ts refuses it whatever the way of signing in). Nullable: most accounts
 * are never disabled.
 */
export function disabledAccounts(dialect: DialectName): Migration {
  const { timestamp } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('users').addColumn('disabled_at', timestamp).execute();
    },
  };
}
