import type { Kysely, Migration } from 'kysely';

/**
 * The admins' account list is read by name, 50 at a time: with this index each page is a walk from
 * its cursor, not a sort of every account (100,000 in a large instance; issue 16, item 5).
 */
export function usersNameIndex(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('users_name_idx').on('users').columns(['name', 'id']).execute();
    },
  };
}
