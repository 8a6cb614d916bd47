import type { Kysely, Migration } from 'kysely';

/**
 * Each board counts its changes: every write takes the next number under the board's lock and its
 * live event carries it, so a client applies events in that order and knows when it missed one
 * (decision 043).
 */
export function boardVersion(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('boards')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  };
}
