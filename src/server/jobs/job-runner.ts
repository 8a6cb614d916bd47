import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { ZodError } from 'zod';
import type { DB } from '../db/schema.ts';
import {
  claimJobs,
  completeJob,
  failAbandonedJobs,
  failJob,
  type JobRow,
  onJobEnqueued,
  renewLease,
} from './jobs.ts';

/** What a handler gets: the parsed payload and the job (its id makes per-attempt keys stable). */
export interface JobContext {
  job: JobRow;
  payload: unknown;
}

/** Thrown by a handler when retrying cannot help (the job makes no sense): the job fails at once. */
export class PermanentJobError extends Error {}

/**
 * Throwing makes the job retry with backoff; returning completes it. A PermanentJobError, or a
 * payload its schema refuses (ZodError), fails it at once.
 */
export type JobHandler = (context: JobContext) => Promise<void>;

/** A payload that is not JSON any more (edited by hand, truncated): no retry will parse it. */
class UnreadablePayloadError extends PermanentJobError {}

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UnreadablePayloadError(`unreadable payload: ${describeError(error)}`);
  }
}

/** Words for whatever a handler threw, even a value String() cannot convert. */
function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    try {
      return JSON.stringify(error) ?? 'a non-Error value';
    } catch {
      return 'a non-Error value';
    }
  }
}

export interface JobRunnerOptions {
  db: Kysely<DB>;
  handlers: Record<string, JobHandler>;
  /** Jobs run at once by this runner. */
  concurrency?: number;
  /** How long a claim holds before another runner may take the job (renewed while it runs). */
  leaseMs?: number;
  pollMs?: number;
  backoffBaseMs?: number;
  /** Called every tick, e.g. the scheduler that enqueues reminders. */
  onTick?: () => Promise<void>;
  tickMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string, details?: unknown) => void;
  runnerId?: string;
}

export interface JobRunner {
  readonly id: string;
  start(): void;
  /** Runs every due job (and those they enqueue) until none is left; for tests and the CLI. */
  drain(): Promise<number>;
  /**
   * Stops claiming and waits for the jobs in hand, at most `graceMs`: a job still running then is
   * abandoned with its lease, and another runner takes it over once the lease expires.
   */
  stop(graceMs?: number): Promise<void>;
}

/**
 * A poller that claims jobs under a lease. Unknown kinds fail fast (a deploy that forgot a handler
 * shows up in the admins' list rather than looping). A lease is renewed every third of its length
 * while the handler runs, so only a dead runner's jobs are taken over.
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const id = options.runnerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const concurrency = options.concurrency ?? 4;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 1_000;
  const backoffBaseMs = options.backoffBaseMs ?? 10_000;
  const log = options.log ?? (() => {});
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let wakeRequested = false;
  let looping = false;
  let lastTick = 0;
  let unsubscribe: (() => void) | undefined;

  async function runOne(job: JobRow): Promise<void> {
    const handler = options.handlers[job.kind];
    const heartbeat = setInterval(
      () => {
        renewLease(options.db, job.id, id, leaseMs).catch((error: unknown) =>
          log('warn', `job ${job.id}: lease renewal failed`, error),
        );
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    heartbeat.unref();
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await handler({ job, payload: parsePayload(job.payload) });
      clearInterval(heartbeat);
      await completeJob(options.db, job.id, id);
    } catch (error) {
      clearInterval(heartbeat);
      const message = describeError(error);
      const permanent = !handler || error instanceof PermanentJobError || error instanceof ZodError;
      const outcome = await failJob(
        options.db,
        { ...job, maxAttempts: permanent ? job.attempts : job.maxAttempts },
        id,
        message,
        backoffBaseMs,
      );
      log(outcome === 'failed' ? 'error' : 'warn', `job ${job.kind} ${job.id} ${outcome}: ${message}`);
    }
  }

  /** Claims and starts jobs while there is room; returns how many were started. */
  async function fill(): Promise<number> {
    const room = concurrency - inFlight.size;
    if (room <= 0) return 0;
    const jobs = await claimJobs(options.db, id, { limit: room, leaseMs });
    for (const job of jobs) {
      // Recording the outcome can fail too (the database went away): log it, never let it escape
      // as an unhandled rejection, which would stop the whole process. The job keeps its lease
      // and is taken over once the lease expires.
      const promise = runOne(job)
        .catch((error: unknown) =>
          log('error', `job ${job.kind} ${job.id}: outcome not recorded: ${describeError(error)}`, error),
        )
        .finally(() => {
          inFlight.delete(promise);
          if (running) schedule(0);
        });
      inFlight.add(promise);
    }
    return jobs.length;
  }

  async function loop(): Promise<void> {
    if (looping) {
      wakeRequested = true;
      return;
    }
    looping = true;
    try {
      do {
        wakeRequested = false;
        if (options.onTick && Date.now() - lastTick >= (options.tickMs ?? 60_000)) {
          lastTick = Date.now();
          await failAbandonedJobs(options.db);
          await options.onTick();
        }
        await fill();
      } while (wakeRequested && running);
    } catch (error) {
      log('error', 'job runner: claim failed', error);
    } finally {
      looping = false;
    }
    if (running) schedule(pollMs);
  }

  function schedule(delay: number): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void loop(), delay);
  }

  return {
    id,
    start() {
      if (running) return;
      running = true;
      unsubscribe = onJobEnqueued(() => {
        if (running) void loop();
      });
      schedule(0);
    },
    async drain() {
      let total = 0;
      for (;;) {
        if (options.onTick) await options.onTick();
        await failAbandonedJobs(options.db);
        const started = await fill();
        total += started;
        if (inFlight.size === 0 && started === 0) return total;
        await Promise.race(inFlight);
      }
    },
    async stop(graceMs = 10_000) {
      running = false;
      unsubscribe?.();
      if (timer) clearTimeout(timer);
      const deadline = Date.now() + graceMs;
      while (looping && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise((resolve) => {
          grace = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        }),
      ]);
      clearTimeout(grace);
    },
  };
}
