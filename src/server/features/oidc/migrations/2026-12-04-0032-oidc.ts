import type { Kysely, Migration } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/**
 * Single sign-on (decision 039). One account row per identity at a provider, held by the database:
 * two first sign-ins of one person racing cannot create two links. `oidc_sessions` marks the
 * sessions opened through the provider and keeps their ID token, the `id_token_hint` that logging
 * out at the provider asks for; it goes with its session (cascade), so signing out, a password
 * reset or deleting the account leaves none behind.
 */
export function oidc(dialect: DialectName): Migration {
  const { timestamp } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('auth_accounts_provider_account_key')
        .on('auth_accounts')
        .columns(['provider_id', 'account_id'])
        .unique()
        .execute();
      await db.schema
        .createTable('oidc_sessions')
        .addColumn('session_id', 'text', (c) =>
          c.primaryKey().references('auth_sessions.id').onDelete('cascade'),
        )
        .addColumn('id_token', 'text', (c) => c.notNull())
        .addColumn('created_at', timestamp, (c) => c.notNull())
        .execute();
    },
  };
}
