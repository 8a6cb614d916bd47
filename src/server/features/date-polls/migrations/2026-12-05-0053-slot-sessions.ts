import { type Kysely, type Migration, sql } from 'kysely';

/**
 * A poll may close on several slots, one session each: the slot carries the session created for
 * it. Polls closed before (on one slot) give their chosen slot the session they recorded.
 */
export function datePollSlotSessions(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('date_poll_slots')
        .addColumn('session_id', 'text', (c) => c.references('sessions.id').onDelete('set null'))
        .execute();
      await sql`update date_poll_slots set session_id = (
          select p.session_id from date_polls p
          where p.chosen_slot_id = date_poll_slots.id and p.status = 'closed'
        )
        where exists (
          select 1 from date_polls p where p.chosen_slot_id = date_poll_slots.id and p.status = 'closed'
        )`.execute(db);
      await db.schema
        .createIndex('date_poll_slots_session_idx')
        .on('date_poll_slots')
        .column('session_id')
        .execute();
    },
  };
}
