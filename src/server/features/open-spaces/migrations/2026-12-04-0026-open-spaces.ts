import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/**
 * Open spaces of events: rooms and time slots (the marketplace's grid), sessions placed in cells,
 * presences, and each session's shared notes. Two unique constraints hold the rules under
 * concurrency: one session per cell (room, slot), one place per person per time slot.
 */
export function openSpacesTables(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('open_spaces')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('open_spaces_event_idx').on('open_spaces').columns(['event_id']).execute();

      await db.schema
        .createTable('open_space_rooms')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('open_space_id', 'text', (c) =>
          c.notNull().references('open_spaces.id').onDelete('cascade'),
        )
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('open_space_rooms_space_idx')
        .on('open_space_rooms')
        .columns(['open_space_id', 'position'])
        .execute();

      await db.schema
        .createTable('open_space_slots')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('open_space_id', 'text', (c) =>
          c.notNull().references('open_spaces.id').onDelete('cascade'),
        )
        .addColumn('starts_at', t.timestamp, (c) => c.notNull())
        .addColumn('ends_at', t.timestamp, (c) => c.notNull())
        .addCheckConstraint('open_space_slots_ends_after_start', sql`ends_at > starts_at`)
        .execute();
      await db.schema
        .createIndex('open_space_slots_space_idx')
        .on('open_space_slots')
        .columns(['open_space_id', 'starts_at'])
        .execute();

      await db.schema
        .createTable('open_space_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('open_space_id', 'text', (c) =>
          c.notNull().references('open_spaces.id').onDelete('cascade'),
        )
        .addColumn('room_id', 'text', (c) =>
          c.notNull().references('open_space_rooms.id').onDelete('cascade'),
        )
        .addColumn('slot_id', 'text', (c) =>
          c.notNull().references('open_space_slots.id').onDelete('cascade'),
        )
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('question', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('host_id', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('notes_open', t.flag, (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        // One session per cell: of simultaneous proposals into a free cell, exactly one is placed.
        .addUniqueConstraint('open_space_sessions_cell_unique', ['room_id', 'slot_id'])
        .execute();
      await db.schema
        .createIndex('open_space_sessions_space_idx')
        .on('open_space_sessions')
        .columns(['open_space_id'])
        .execute();

      await db.schema
        .createTable('open_space_presences')
        .addColumn('open_space_id', 'text', (c) =>
          c.notNull().references('open_spaces.id').onDelete('cascade'),
        )
        .addColumn('slot_id', 'text', (c) =>
          c.notNull().references('open_space_slots.id').onDelete('cascade'),
        )
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('open_space_sessions.id').onDelete('cascade'),
        )
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        // The law of two feet: one place per person per time slot; moving replaces it.
        .addPrimaryKeyConstraint('open_space_presences_pk', ['open_space_id', 'slot_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('open_space_presences_session_idx')
        .on('open_space_presences')
        .columns(['session_id'])
        .execute();

      await db.schema
        .createTable('open_space_note_snapshots')
        .addColumn('session_id', 'text', (c) =>
          c.primaryKey().references('open_space_sessions.id').onDelete('cascade'),
        )
        .addColumn('state', blob, (c) => c.notNull())
        .addColumn('markdown', 'text')
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('open_space_note_updates')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('open_space_sessions.id').onDelete('cascade'),
        )
        .addColumn('update', blob, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('open_space_note_updates_session_idx')
        .on('open_space_note_updates')
        .columns(['session_id', 'id'])
        .execute();
    },
  };
}
