import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes } from '../columns.ts';
import type { DialectName } from '../database.ts';

function oneOf(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;
}

/** Sessions of a circle with their agenda, participants, check-ins, actions and announcements. */
export function sessions(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('starts_at', t.timestamp, (c) => c.notNull())
        .addColumn('ends_at', t.timestamp, (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('status', 'text', (c) =>
          c.notNull().check(oneOf('status', ['scheduled', 'live', 'ended'])),
        )
        // No foreign key: the agenda is replaced wholesale; the app clears it in the same transaction.
        .addColumn('current_item_id', 'text')
        .addColumn('current_item_started_at', t.timestamp)
        .addColumn('started_at', t.timestamp)
        .addColumn('synthesis', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('notes_markdown', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addCheckConstraint('sessions_ends_after_start', sql`ends_at > starts_at`)
        .execute();
      await db.schema
        .createIndex('sessions_circle_starts_idx')
        .on('sessions')
        .columns(['circle_id', 'starts_at'])
        .execute();

      await db.schema
        .createTable('agenda_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('parent_id', 'text', (c) => c.references('agenda_items.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('starts_at', t.timestamp)
        .addColumn('ends_at', t.timestamp)
        .addColumn('kind', 'text', (c) =>
          c.check(oneOf('kind', ['checkin', 'discussion', 'vote', 'board', 'feedback', 'break', 'closing'])),
        )
        .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .createIndex('agenda_items_session_idx')
        .on('agenda_items')
        .columns(['session_id', 'position'])
        .execute();

      await db.schema
        .createTable('session_participants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('guest_name', 'text')
        .addColumn('status', 'text', (c) =>
          c.notNull().check(oneOf('status', ['invited', 'confirmed', 'excused', 'present'])),
        )
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('session_participants_user_uq', ['session_id', 'user_id'])
        .addCheckConstraint(
          'session_participants_someone',
          sql`user_id is not null or guest_name is not null`,
        )
        .execute();

      await db.schema
        .createTable('checkins')
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('round', 'text', (c) => c.notNull().check(oneOf('round', ['opening', 'closing'])))
        .addColumn('weather', 'text', (c) =>
          c
            .notNull()
            .check(
              oneOf('weather', ['sunny', 'partly-sunny', 'cloudy', 'rainy', 'stormy', 'foggy', 'rainbow']),
            ),
        )
        .addColumn('word', 'text')
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addPrimaryKeyConstraint('checkins_pk', ['session_id', 'user_id', 'round'])
        .execute();

      await db.schema
        .createTable('actions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
        .addColumn('session_id', 'text', (c) => c.references('sessions.id').onDelete('set null'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('due_on', 'text')
        .addColumn('status', 'text', (c) =>
          c.notNull().check(oneOf('status', ['todo', 'in_progress', 'done', 'dropped'])),
        )
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('actions_circle_status_idx')
        .on('actions')
        .columns(['circle_id', 'status'])
        .execute();

      await db.schema
        .createTable('action_owners')
        .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('guest_name', 'text')
        .addPrimaryKeyConstraint('action_owners_pk', ['action_id', 'position'])
        .addCheckConstraint('action_owners_someone', sql`user_id is not null or guest_name is not null`)
        .execute();
      await db.schema.createIndex('action_owners_user_idx').on('action_owners').column('user_id').execute();

      await db.schema
        .createTable('announcements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('session_votes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        // JSON [{label, options[]}], validated by zod when read.
        .addColumn('sections', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
