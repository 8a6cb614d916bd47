import type { Kysely, Migration } from 'kysely';

/**
 * Indexes in the order of the paged lists that had none (decision 023): a page is then a range
 * read from the cursor on, not a sort of the whole scope. Lists ordered by name (communities,
 * members) are per community and stay small; sessions, boards and polls had theirs already.
 */
const indexes = [
  { name: 'date_polls_circle_created_idx', table: 'date_polls', columns: ['circle_id', 'created_at'] },
  { name: 'signup_sheets_circle_created_idx', table: 'signup_sheets', columns: ['circle_id', 'created_at'] },
  { name: 'circles_community_created_idx', table: 'circles', columns: ['community_id', 'created_at'] },
  { name: 'actions_session_created_idx', table: 'actions', columns: ['session_id', 'created_at'] },
  { name: 'jobs_status_updated_idx', table: 'jobs', columns: ['status', 'updated_at'] },
];

export function pagingIndexes(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const index of indexes) {
        await db.schema.createIndex(index.name).on(index.table).columns(index.columns).execute();
      }
    },
  };
}
