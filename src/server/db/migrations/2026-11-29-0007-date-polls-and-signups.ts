import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes } from '../columns.ts';
import type { DialectName } from '../database.ts';

function oneOf(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;
}

/**
 * Date polls (candidate slots answered yes / if need be / no, by members and by guests through the
 * poll's link) and sign-up sheets (topics with an optional capacity and a waitlist in arrival order).
 */
export function datePollsAndSignups(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('date_polls')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('deadline', t.timestamp)
        .addColumn('hide_participants', t.flag, (c) => c.notNull())
        // The shareable link's secret: shown to the circle's people so they can pass it on.
        .addColumn('share_token', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['open', 'closed'])))
        .addColumn('chosen_slot_id', 'text')
        .addColumn('session_id', 'text', (c) => c.references('sessions.id').onDelete('set null'))
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('date_polls_circle_idx').on('date_polls').columns(['circle_id']).execute();

      await db.schema
        .createTable('date_poll_slots')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('poll_id', 'text', (c) => c.notNull().references('date_polls.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('starts_at', t.timestamp, (c) => c.notNull())
        .addColumn('ends_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('date_poll_slots_time_uq', ['poll_id', 'starts_at', 'ends_at'])
        .addCheckConstraint('date_poll_slots_ends_after_start', sql`ends_at > starts_at`)
        .execute();

      await db.schema
        .createTable('date_poll_responses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('poll_id', 'text', (c) => c.notNull().references('date_polls.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('guest_name', 'text')
        .addColumn('guest_email', 'text')
        // SHA-256 of the guest's private edit token; the token itself is never stored.
        .addColumn('edit_token_hash', 'text', (c) => c.unique())
        .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('date_poll_responses_user_uq', ['poll_id', 'user_id'])
        .addCheckConstraint(
          'date_poll_responses_someone',
          sql`user_id is not null or (guest_name is not null and edit_token_hash is not null)`,
        )
        .execute();

      await db.schema
        .createTable('date_poll_answers')
        .addColumn('response_id', 'text', (c) =>
          c.notNull().references('date_poll_responses.id').onDelete('cascade'),
        )
        .addColumn('slot_id', 'text', (c) => c.notNull().references('date_poll_slots.id').onDelete('cascade'))
        .addColumn('value', 'text', (c) => c.notNull().check(oneOf('value', ['yes', 'maybe', 'no'])))
        .addPrimaryKeyConstraint('date_poll_answers_pk', ['response_id', 'slot_id'])
        .execute();

      await db.schema
        .createTable('signup_sheets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('signup_sheets_circle_idx')
        .on('signup_sheets')
        .columns(['circle_id'])
        .execute();

      await db.schema
        .createTable('signup_topics')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sheet_id', 'text', (c) => c.notNull().references('signup_sheets.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.check(sql`capacity is null or capacity > 0`))
        .addColumn('working_group_id', 'text', (c) => c.references('circles.id').onDelete('set null'))
        .execute();

      await db.schema
        .createTable('signup_entries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('topic_id', 'text', (c) => c.notNull().references('signup_topics.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['confirmed', 'waitlisted'])))
        // Arrival order, never reused: the waitlist is promoted by it.
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('signup_entries_user_uq', ['topic_id', 'user_id'])
        .addUniqueConstraint('signup_entries_position_uq', ['topic_id', 'position'])
        .execute();
    },
  };
}
