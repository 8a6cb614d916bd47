import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The community home's lists over a whole community (issue 16, item 5; decision 046). Walked in
 * their own order through these indexes, a list stops once it holds its six lines, instead of
 * reading every session (or step, poll, sheet) of the community's circles and sorting them.
 */
/** The predicate of actions_open_due_idx, which a query repeats word for word to use it. */
export const OPEN_ACTIONS = "status in ('todo', 'in_progress')";

export function hubReadIndexes(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const index = (name: string, table: string, columns: string[]) =>
        db.schema.createIndex(name).on(table).columns(columns).execute();
      // The latest minutes and announcements (backwards from now), the next sessions (onwards).
      await index('sessions_starts_idx', 'sessions', ['starts_at', 'id']);
      // Open next steps by due day, the longest overdue first: only the open ones, or the walk
      // would pass every step done over the years before the first still open.
      await db.schema
        .createIndex('actions_open_due_idx')
        .on('actions')
        .columns(['due_on', 'id'])
        .where(sql.raw<boolean>(OPEN_ACTIONS))
        .execute();
      // The community's own polls (no circle): found without passing every circle's poll.
      await index('polls_community_circle_idx', 'polls', ['community_id', 'circle_id', 'created_at']);
      // The newest sign-up sheets; the open date polls (few: closing one ends it).
      await index('signup_sheets_created_idx', 'signup_sheets', ['created_at', 'id']);
      await index('date_polls_status_idx', 'date_polls', ['status', 'deadline']);
    },
  };
}
