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

/** Serialises whole-list rewrites of one session (agenda, announcements). */
export async function lockSession(trx: Kysely<DB>, sessionId: string) {
  let query = trx.selectFrom('sessions').select(['id', 'currentItemId']).where('id', '=', sessionId);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Serialises rewrites of one action's owners. */
export async function lockAction(trx: Kysely<DB>, actionId: string): Promise<boolean> {
  let query = trx.selectFrom('actions').select('id').where('id', '=', actionId);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  return (await query.executeTakeFirst()) !== undefined;
}

/** Serialises answers to, and the closing of, one date poll. */
export async function lockDatePoll(trx: Kysely<DB>, pollId: string) {
  let query = trx.selectFrom('datePolls').selectAll().where('id', '=', pollId);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Serialises sign-ups to one topic: its capacity and waitlist are decided under this lock. */
export async function lockSignupTopic(trx: Kysely<DB>, topicId: string) {
  let query = trx.selectFrom('signupTopics').selectAll().where('id', '=', topicId);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Serialises ballots, closing and phase changes of one poll: its state is read under this lock. */
export async function lockPoll(trx: Kysely<DB>, pollId: string) {
  let query = trx.selectFrom('polls').selectAll().where('id', '=', pollId);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  return query.executeTakeFirst();
}
