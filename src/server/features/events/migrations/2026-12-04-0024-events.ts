import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/**
 * Events, their sites and programme slots, registrations to the event and to its slots. Capacity
 * and waitlists are decided under the event's row lock; arrival positions are unique per event and
 * per slot, so no two people ever share a place in line.
 */
export function eventsTables(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('community_id', 'text', (c) =>
          c.notNull().references('communities.id').onDelete('cascade'),
        )
        .addColumn('parent_id', 'text', (c) => c.references('events.id').onDelete('set null'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('starts_at', t.timestamp, (c) => c.notNull())
        .addColumn('ends_at', t.timestamp, (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('public', 'community')`))
        .addColumn('capacity', 'integer', (c) => c.check(sql`capacity > 0`))
        .addColumn('cancelled_at', t.timestamp)
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .addCheckConstraint('events_ends_after_start', sql`ends_at > starts_at`)
        .execute();
      await db.schema
        .createIndex('events_community_idx')
        .on('events')
        .columns(['community_id', 'starts_at'])
        .execute();
      await db.schema.createIndex('events_parent_idx').on('events').columns(['parent_id']).execute();

      await db.schema
        .createTable('event_sites')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('online_url', 'text')
        .addColumn('capacity', 'integer', (c) => c.check(sql`capacity > 0`))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('event_sites_event_idx').on('event_sites').columns(['event_id']).execute();

      await db.schema
        .createTable('event_slots')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('site_id', 'text', (c) => c.references('event_sites.id').onDelete('set null'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) =>
          c.notNull().check(sql`kind in ('plenary', 'workshop', 'open-space', 'challenge', 'break')`),
        )
        .addColumn('starts_at', t.timestamp, (c) => c.notNull())
        .addColumn('ends_at', t.timestamp, (c) => c.notNull())
        .addColumn('speakers', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('capacity', 'integer', (c) => c.check(sql`capacity > 0`))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addCheckConstraint('event_slots_ends_after_start', sql`ends_at > starts_at`)
        .execute();
      await db.schema
        .createIndex('event_slots_event_idx')
        .on('event_slots')
        .columns(['event_id', 'starts_at'])
        .execute();

      await db.schema
        .createTable('event_registrations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('guest_name', 'text')
        .addColumn('guest_email', 'text')
        .addColumn('guest_locale', 'text')
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sql`status in ('unconfirmed', 'confirmed', 'waitlisted', 'cancelled')`),
        )
        .addColumn('position', 'integer')
        .addColumn('token_nonce', 'text')
        .addColumn('token_hash', 'text', (c) => c.unique())
        .addColumn('confirm_by', t.timestamp)
        .addColumn('attendance', 'text', (c) => c.check(sql`attendance in ('present', 'absent')`))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('placed_at', t.timestamp)
        .addColumn('cancelled_at', t.timestamp)
        .addUniqueConstraint('event_registrations_person_unique', ['event_id', 'user_id'])
        .addUniqueConstraint('event_registrations_position_unique', ['event_id', 'position'])
        .addCheckConstraint(
          'event_registrations_who',
          sql`(user_id is not null) or (guest_name is not null and guest_email is not null)`,
        )
        .execute();
      await db.schema
        .createIndex('event_registrations_status_idx')
        .on('event_registrations')
        .columns(['event_id', 'status', 'position'])
        .execute();
      await db.schema
        .createIndex('event_registrations_user_idx')
        .on('event_registrations')
        .columns(['user_id'])
        .execute();

      await db.schema
        .createTable('event_slot_registrations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('registration_id', 'text', (c) =>
          c.notNull().references('event_registrations.id').onDelete('cascade'),
        )
        .addColumn('slot_id', 'text', (c) => c.notNull().references('event_slots.id').onDelete('cascade'))
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sql`status in ('pending', 'confirmed', 'waitlisted')`),
        )
        .addColumn('position', 'integer')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('event_slot_registrations_unique', ['registration_id', 'slot_id'])
        .addUniqueConstraint('event_slot_registrations_position_unique', ['slot_id', 'position'])
        .execute();
      await db.schema
        .createIndex('event_slot_registrations_slot_idx')
        .on('event_slot_registrations')
        .columns(['slot_id', 'status', 'position'])
        .execute();
    },
  };
}
