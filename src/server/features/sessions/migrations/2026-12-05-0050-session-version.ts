import type { Kysely, Migration } from 'kysely';

/**
 * A session counts the changes its live events carry (agenda moves, check-ins): each takes the
 * next number under the session's lock, and a check-in keeps its number, which orders the round
 * the same way for the server and for a client that patched its copy (decision 043).
 */
export function sessionVersion(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('sessions')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('checkins')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  };
}
