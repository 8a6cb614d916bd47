import type { Kysely, Migration } from 'kysely';

/**
 * The sessions a person is listed on, from the person: search's visibility rule asks it once per
 * search, and the unique (session_id, user_id) index could only answer it by reading all 800,000
 * rows of a large community (issue 16, item 5; decision 046).
 */
export function listedSessionsIndex(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('session_participants_user_idx')
        .on('session_participants')
        .columns(['user_id', 'session_id'])
        .execute();
    },
  };
}
