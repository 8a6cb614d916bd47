import { type Kysely, PostgresAdapter } from 'kysely';
import type { DB } from './schema.ts';

/**
 * Serialises writers on one row for the rest of the transaction. PostgreSQL needs FOR UPDATE;
 * on SQLite every transaction already begins IMMEDIATE (one writer at a time), and the syntax does
 * not exist there, so the same read is plain.
 */
export async function lockCircle(trx: Kysely<DB>, circleId: string): Promise<boolean> {
  let query = trx.selectFrom('circles').select('id').where('id', '=', circleId);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  return (await query.executeTakeFirst()) !== undefined;
}

export async function lockCommunity(trx: Kysely<DB>, communityId: string): Promise<boolean> {
  let query = trx.selectFrom('communities').select('id').where('id', '=', communityId);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  return (await query.executeTakeFirst()) !== undefined;
}
