import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/**
 * The meeting view (issue 17, item 2; decision 052): the current item's countdown can be paused and
 * extended, for everyone at once; a speaking queue of raised hands; agenda items link the circle's
 * boards, polls, sign-up sheets and date polls.
 */
export function meetingRoom(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  const no = dialect === 'postgres' ? false : 0;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('sessions').addColumn('timer_paused_at', t.timestamp).execute();
      await db.schema
        .alterTable('sessions')
        .addColumn('timer_paused_ms', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('sessions')
        .addColumn('timer_extended_ms', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createTable('speaking_hands')
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('raised_at', t.timestamp, (c) => c.notNull())
        /** The session's change number when the hand went up: orders hands raised in the same ms. */
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('has_floor', t.flag, (c) => c.notNull().defaultTo(no))
        .addPrimaryKeyConstraint('speaking_hands_pk', ['session_id', 'user_id'])
        .execute();

      // No foreign key on the item: an agenda save rewrites its rows (keeping their ids), and a
      // cascade would drop the links of every kept item. The save deletes the links of removed items.
      await db.schema
        .createTable('agenda_item_links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('agenda_item_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) =>
          c.notNull().check(sql`kind in ('board', 'poll', 'signup-sheet', 'date-poll')`),
        )
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('agenda_item_links_unique', ['agenda_item_id', 'kind', 'target_id'])
        .execute();
      await db.schema
        .createIndex('agenda_item_links_session_idx')
        .on('agenda_item_links')
        .column('session_id')
        .execute();
    },
  };
}
