import type { Kysely, Migration } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/**
 * Guests by a code (decision 051). `guest_codes`: a session opened to people without an account
 * until `expires_at` or `revoked_at`. `guests`: the person rows (users marked placeholders) who
 * joined with a code, each with the SHA-256 of its browser's secret. A guest row goes with its
 * person (claimed by an account, or erased) and with its code.
 */
export function guests(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('guest_codes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .addColumn('revoked_at', t.timestamp)
        .execute();
      await db.schema.createIndex('guest_codes_session_idx').on('guest_codes').column('session_id').execute();
      await db.schema
        .createTable('guests')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('code_id', 'text', (c) => c.notNull().references('guest_codes.id').onDelete('cascade'))
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('guests_code_idx').on('guests').column('code_id').execute();
      await db.schema.createIndex('guests_session_idx').on('guests').column('session_id').execute();
    },
  };
}
