import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Kysely } from 'kysely';
import { toIso } from '../db/columns.ts';
import type { DB } from '../db/schema.ts';
import { AppError } from './errors.ts';

/** How long a key keeps its answer: a retry a day later still finds it. */
export const KEY_TTL_MS = 24 * 3_600_000;
/** A first request running longer than this is taken as abandoned (its process died). */
const ABANDONED_MS = 2 * 60_000;
/** How long a repeat waits for the first request to answer before giving up with 409. */
const WAIT_MS = 20_000;
/** Other instances finish requests too: the row is read again at least this often while waiting. */
const POLL_MS = 100;

export interface KeyScope {
  userId: string;
  key: string;
  /** Method and path, e.g. `POST /api/v1/circles/c1/sessions`. */
  route: string;
}

export interface StoredAnswer {
  statusCode: number;
  contentType: string | null;
  body: string;
}

export type Claim = { kind: 'claimed'; attemptId: string } | { kind: 'replay'; answer: StoredAnswer };

/** In this process, the end of a first request wakes its repeats at once (no polling delay). */
const settled = new EventEmitter();
settled.setMaxListeners(0);
const signalOf = (scope: KeyScope) => JSON.stringify([scope.userId, scope.key, scope.route]);

function waitForSettle(scope: KeyScope, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const signal = signalOf(scope);
    const done = () => {
      clearTimeout(timer);
      settled.off(signal, done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    settled.on(signal, done);
  });
}

/**
 * Claims a key for this request, or finds the answer of the request that claimed it first. The
 * primary key (user, key, route) decides between concurrent requests: each tries to insert, and
 * exactly one insert succeeds; the others read its row and wait for its answer. Never a read
 * followed by a write that depends on it: two requests could both read "absent".
 */
export async function claimKey(db: Kysely<DB>, scope: KeyScope, requestHash: string): Promise<Claim> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const now = Date.now();
    const attemptId = randomUUID();
    const inserted = await db
      .insertInto('idempotencyKeys')
      .values({
        ...scope,
        requestHash,
        attemptId,
        statusCode: null,
        contentType: null,
        responseBody: null,
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(now + KEY_TTL_MS).toISOString(),
      })
      .onConflict((oc) => oc.columns(['userId', 'key', 'route']).doNothing())
      .returning('attemptId')
      .executeTakeFirst();
    if (inserted) return { kind: 'claimed', attemptId };

    const row = await db
      .selectFrom('idempotencyKeys')
      .selectAll()
      .where('userId', '=', scope.userId)
      .where('key', '=', scope.key)
      .where('route', '=', scope.route)
      .executeTakeFirst();
    // Released meanwhile (the first request failed): try to claim it again.
    if (!row) continue;
    const isExpired = new Date(toIso(row.expiresAt)).getTime() <= now;
    const isAbandoned =
      row.statusCode === null && new Date(toIso(row.createdAt)).getTime() + ABANDONED_MS <= now;
    if (isExpired || isAbandoned) {
      // Only that very attempt is removed: a concurrent taker may already have replaced it.
      await release(db, scope, row.attemptId);
      continue;
    }
    if (row.requestHash !== requestHash) {
      throw new AppError('CONFLICT', 'This Idempotency-Key was already used for a different request', {
        header: 'Idempotency-Key',
      });
    }
    if (row.statusCode !== null) {
      return {
        kind: 'replay',
        answer: { statusCode: row.statusCode, contentType: row.contentType, body: row.responseBody ?? '' },
      };
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new AppError('CONFLICT', 'A request with this Idempotency-Key is still running; retry later', {
        header: 'Idempotency-Key',
      });
    }
    await waitForSettle(scope, Math.min(POLL_MS, left));
  }
}

/** Stores the first request's answer, for its repeats. */
export async function storeAnswer(
  db: Kysely<DB>,
  scope: KeyScope,
  attemptId: string,
  answer: StoredAnswer,
): Promise<void> {
  try {
    await db
      .updateTable('idempotencyKeys')
      .set({ statusCode: answer.statusCode, contentType: answer.contentType, responseBody: answer.body })
      .where('userId', '=', scope.userId)
      .where('key', '=', scope.key)
      .where('route', '=', scope.route)
      .where('attemptId', '=', attemptId)
      .execute();
  } finally {
    settled.emit(signalOf(scope));
  }
}

/** Frees a key whose request did not succeed, so a retry with it runs again. */
export async function releaseKey(db: Kysely<DB>, scope: KeyScope, attemptId: string): Promise<void> {
  try {
    await release(db, scope, attemptId);
  } finally {
    settled.emit(signalOf(scope));
  }
}

async function release(db: Kysely<DB>, scope: KeyScope, attemptId: string): Promise<void> {
  await db
    .deleteFrom('idempotencyKeys')
    .where('userId', '=', scope.userId)
    .where('key', '=', scope.key)
    .where('route', '=', scope.route)
    .where('attemptId', '=', attemptId)
    .execute();
}

/** Deletes the keys past their window (run by the background jobs' tick). */
export async function pruneExpiredKeys(db: Kysely<DB>, now = new Date()): Promise<number> {
  const result = await db
    .deleteFrom('idempotencyKeys')
    .where('expiresAt', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
