import type { Kysely, Migration } from 'kysely';
import { columnTypes } from '../columns.ts';
import type { DialectName } from '../database.ts';

/**
 * Calendars: what an .ics needs on a session (a revision number, a visio link, a cancellation)
 * and one secret subscription feed per person.
 */
export function calendars(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      // Cancellation is its own column, not a fourth status: the status column's CHECK cannot be
      // changed on SQLite without rebuilding a table many others reference.
      await db.schema
        .alterTable('sessions')
        .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('sessions').addColumn('video_url', 'text').execute();
      await db.schema.alterTable('sessions').addColumn('cancelled_at', t.timestamp).execute();
      await db.schema.alterTable('sessions').addColumn('cancel_reason', 'text').execute();

      await db.schema
        .createTable('calendar_feeds')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        /** Random; the token is an HMAC of it under the instance secret, so it can be shown again. */
        .addColumn('nonce', 'text', (c) => c.notNull())
        /** SHA-256 of the token: what a feed request is looked up by. */
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
    },
  };
}
