import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Tables whose rows are documents, paged by id for `archipel reindex`. */
type IdTable =
  | 'circles'
  | 'sessions'
  | 'actions'
  | 'boardNotes'
  | 'polls'
  | 'datePolls'
  | 'signupSheets'
  | 'glossaryEntries'
  | 'events'
  | 'learningDesigns';

/** One page of a table's ids in id order, after the given one. */
export async function pageOfIds(
  db: Kysely<DB>,
  table: IdTable,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom(table)
    .select(sql<string>`id`.as('id'))
    .$if(after !== null, (query) => query.where(sql.ref('id'), '>', after ?? ''))
    .orderBy(sql.ref('id'))
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
