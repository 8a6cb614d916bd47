import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { type Kysely, PostgresAdapter, type RawBuilder, type Selectable, sql } from 'kysely';
import type { DB, JobsTable } from '../db/schema.ts';

export type JobRow = Selectable<JobsTable>;

export interface NewJob {
  kind: string;
  payload: unknown;
  /** Idempotency key: a second enqueue with the same key creates nothing. */
  key?: string | undefined;
  /** Not before this time (default: now). */
  runAt?: Date | undefined;
  maxAttempts?: number | undefined;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

/** In-process signal: runners of this process wake as soon as something is enqueued. */
const enqueued = new EventEmitter();
enqueued.setMaxListeners(0);

export function onJobEnqueued(listener: () => void): () => void {
  enqueued.on('enqueued', listener);
  return () => enqueued.off('enqueued', listener);
}

/**
 * Adds a job. Pass the caller's transaction so the job exists if and only if the write it belongs
 * to commits. The in-process wake-up is sent a few times: inside a transaction the row is only
 * visible once the caller commits, which is usually within milliseconds; anything later is found
 * by the next poll (about a second).
 */
export async function enqueueJob(db: Kysely<DB>, job: NewJob): Promise<{ id: string; created: boolean }> {
  const id = randomUUID();
  const now = new Date().toISOString();
  const inserted = await db
    .insertInto('jobs')
    .values({
      id,
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? null),
      key: job.key ?? null,
      status: 'pending',
      maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      runAt: (job.runAt ?? new Date()).toISOString(),
      createdAt: now,
      updatedAt: now,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const existing = await db
      .selectFrom('jobs')
      .select('id')
      .where('key', '=', job.key ?? '')
      .executeTakeFirst();
    return { id: existing?.id ?? id, created: false };
  }
  if (db.isTransaction) {
    for (const delay of [0, 20, 100]) setTimeout(() => enqueued.emit('enqueued'), delay).unref();
  } else {
    enqueued.emit('enqueued');
  }
  return { id, created: true };
}

/**
 * Lease times are read and written on the database's clock, the one clock every instance shares:
 * an instance whose own clock runs ahead would otherwise see live leases as expired and run
 * their jobs a second time. Same ISO text as the stored instants on SQLite, timestamptz on PostgreSQL.
 */
function databaseNow(db: Kysely<DB>, plusMs = 0): RawBuilder<string> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    return sql<string>`(now() + ${String(Math.round(plusMs))} * interval '1 millisecond')`;
  }
  return sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ${`${(plusMs / 1000).toFixed(3)} seconds`})`;
}

/** A given instant (tests) or the database's clock, plus a delay. */
const instantOr = (db: Kysely<DB>, now: Date | undefined, plusMs = 0) =>
  now ? new Date(now.getTime() + plusMs).toISOString() : databaseNow(db, plusMs);

/**
 * Takes up to `limit` due jobs for this runner: pending ones whose time has come, and running ones
 * whose lease expired (their runner died). One UPDATE … RETURNING: on PostgreSQL the candidate rows
 * are locked with FOR UPDATE SKIP LOCKED, so concurrent runners take disjoint sets without waiting;
 * on SQLite the statement holds the database's single write lock, which is just as exclusive.
 */
export async function claimJobs(
  db: Kysely<DB>,
  runnerId: string,
  options: { limit: number; leaseMs: number; now?: Date; kinds?: readonly string[] },
): Promise<JobRow[]> {
  const nowIso = (options.now ?? new Date()).toISOString();
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  let candidates = db
    .selectFrom('jobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('runAt', '<=', instantOr(db, options.now))]),
        eb.and([eb('status', '=', 'running'), eb('lockedUntil', '<', instantOr(db, options.now))]),
      ]),
    )
    .where((eb) => eb('attempts', '<', eb.ref('maxAttempts')))
    .orderBy('runAt')
    .limit(options.limit);
  if (options.kinds) candidates = candidates.where('kind', 'in', options.kinds);
  if (isPostgres) candidates = candidates.forUpdate().skipLocked();
  return db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      lockedBy: runnerId,
      lockedUntil: instantOr(db, options.now, options.leaseMs),
      attempts: eb('attempts', '+', 1),
      updatedAt: nowIso,
    }))
    .where('id', 'in', candidates)
    .returningAll()
    .execute();
}

/** Extends the lease of a job still being worked on; false when another runner took it over. */
export async function renewLease(db: Kysely<DB>, jobId: string, runnerId: string, leaseMs: number) {
  const result = await db
    .updateTable('jobs')
    .set({ lockedUntil: databaseNow(db, leaseMs) })
    .where('id', '=', jobId)
    .where('lockedBy', '=', runnerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function completeJob(db: Kysely<DB>, jobId: string, runnerId: string): Promise<void> {
  const now = new Date().toISOString();
  await db
    .updateTable('jobs')
    .set({
      status: 'done',
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
      updatedAt: now,
      finishedAt: now,
    })
    .where('id', '=', jobId)
    .where('lockedBy', '=', runnerId)
    .execute();
}

/** Exponential backoff: base, 2×base, 4×base… capped. */
export function backoffDelay(attempt: number, baseMs: number, capMs = 3_600_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** Schedules another attempt, or marks the job failed once its attempts are spent. */
export async function failJob(
  db: Kysely<DB>,
  job: Pick<JobRow, 'id' | 'attempts' | 'maxAttempts'>,
  runnerId: string,
  error: string,
  backoffBaseMs: number,
): Promise<'retry' | 'failed'> {
  const now = new Date();
  const spent = job.attempts >= job.maxAttempts;
  await db
    .updateTable('jobs')
    .set({
      status: spent ? 'failed' : 'pending',
      runAt: spent
        ? undefined
        : new Date(now.getTime() + backoffDelay(job.attempts, backoffBaseMs)).toISOString(),
      lockedBy: null,
      lockedUntil: null,
      lastError: error.slice(0, 2000),
      updatedAt: now.toISOString(),
      finishedAt: spent ? now.toISOString() : null,
    })
    .where('id', '=', job.id)
    .where('lockedBy', '=', runnerId)
    .execute();
  return spent ? 'failed' : 'retry';
}

/** A job whose runner died during its last allowed attempt is failed, not left running forever. */
export async function failAbandonedJobs(db: Kysely<DB>, now?: Date): Promise<number> {
  const nowIso = (now ?? new Date()).toISOString();
  const result = await db
    .updateTable('jobs')
    .set({
      status: 'failed',
      lockedBy: null,
      lockedUntil: null,
      lastError: 'the runner stopped during the last attempt (lease expired)',
      updatedAt: nowIso,
      finishedAt: nowIso,
    })
    .where('status', '=', 'running')
    .where('lockedUntil', '<', instantOr(db, now))
    .where((eb) => eb('attempts', '>=', eb.ref('maxAttempts')))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Finished jobs are kept a while for the admins' list (and so their keys still deduplicate). */
export async function pruneFinishedJobs(db: Kysely<DB>, olderThanDays = 30): Promise<void> {
  const cutoff = new Date(Date.now() - olderThanDays * 86_400_000).toISOString();
  await db.deleteFrom('jobs').where('status', '=', 'done').where('finishedAt', '<', cutoff).execute();
}

/** Puts a failed job back in the queue (instance admins). */
export async function retryFailedJob(db: Kysely<DB>, jobId: string): Promise<boolean> {
  const now = new Date().toISOString();
  const result = await db
    .updateTable('jobs')
    .set({ status: 'pending', attempts: 0, runAt: now, finishedAt: null, updatedAt: now })
    .where('id', '=', jobId)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) enqueued.emit('enqueued');
  return Number(result.numUpdatedRows) > 0;
}

export const jobStatusCounts = (db: Kysely<DB>) =>
  db
    .selectFrom('jobs')
    .select(['status', sql<number>`count(*)`.as('n')])
    .groupBy('status')
    .execute();
