import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Database, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { mailJobKinds } from '../mail/mail-jobs.ts';
import { createTestApp, registerUser, type TestApp } from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';
import { createJobRunner } from './job-runner.ts';
import {
  backoffDelay,
  claimJobs,
  completeJob,
  enqueueJob,
  failAbandonedJobs,
  failJob,
  renewLease,
} from './jobs.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testDialects())('background jobs on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());
  const db = () => t.database.db;
  const jobsOf = (kind: string) => db().selectFrom('jobs').selectAll().where('kind', '=', kind).execute();

  it('enqueues once per key, and only when the surrounding transaction commits', async () => {
    const first = await enqueueJob(db(), { kind: 'test.keyed', payload: { n: 1 }, key: 'same-key' });
    const second = await enqueueJob(db(), { kind: 'test.keyed', payload: { n: 2 }, key: 'same-key' });
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    expect(await jobsOf('test.keyed')).toHaveLength(1);

    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await enqueueJob(trx, { kind: 'test.rolled-back', payload: {} });
          throw new Error('the write fails after the enqueue');
        }),
    ).rejects.toThrow('the write fails');
    expect(await jobsOf('test.rolled-back')).toHaveLength(0);
    await db()
      .transaction()
      .execute((trx) => enqueueJob(trx, { kind: 'test.committed', payload: {} }));
    expect(await jobsOf('test.committed')).toHaveLength(1);
  });

  it('retries with exponential backoff, then marks the job failed for the admins to see', async () => {
    const admin = await registerUser(t.app, 'Admin'); // First account of the instance: admin.
    const { id } = await enqueueJob(db(), { kind: 'test.flaky', payload: {}, maxAttempts: 3 });
    const start = new Date(Date.now() + 60_000);
    // Minutes, not seconds: "not due before its time" below reads the real clock, which a busy
    // machine may move on by seconds.
    const base = 60_000;
    let now = start;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const claimed = await claimJobs(db(), 'runner-a', {
        limit: 10,
        leaseMs: 30_000,
        now,
        kinds: ['test.flaky'],
      });
      expect(claimed.map((job) => [job.id, job.attempts])).toEqual([[id, attempt]]);
      const job = claimed[0];
      if (!job) throw new Error('not claimed');
      const before = Date.now();
      const outcome = await failJob(db(), job, 'runner-a', `boom ${attempt}`, base);
      const after = Date.now();
      expect(outcome).toBe(attempt < 3 ? 'retry' : 'failed');
      if (attempt === 3) break;
      const row = await db().selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      // A minute after the first failure, two after the second, counted from the failure (the real
      // clock brackets it, so a busy machine's pauses widen the window instead of failing it).
      const runAt = new Date(row.runAt).getTime();
      expect(runAt).toBeGreaterThanOrEqual(before + backoffDelay(attempt, base));
      expect(runAt).toBeLessThanOrEqual(after + backoffDelay(attempt, base));
      // Not due before its time.
      expect(
        await claimJobs(db(), 'runner-a', { limit: 10, leaseMs: 30_000, kinds: ['test.flaky'] }),
      ).toEqual([]);
      now = new Date(Date.now() + backoffDelay(attempt, base) + 10);
    }
    const failed = await t.app.inject({
      url: '/api/v1/admin/jobs?status=failed',
      headers: { cookie: admin.cookie },
    });
    expect(failed.statusCode).toBe(200);
    expect(failed.json().items).toContainEqual(
      expect.objectContaining({ id, kind: 'test.flaky', status: 'failed', attempts: 3, lastError: 'boom 3' }),
    );
    expect(failed.json().counts.failed).toBeGreaterThanOrEqual(1);
    const member = await registerUser(t.app, 'Not admin');
    const refused = await t.app.inject({ url: '/api/v1/admin/jobs', headers: { cookie: member.cookie } });
    expect(refused.statusCode).toBe(404);
    // An admin puts it back in the queue with fresh attempts.
    const retry = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/jobs/${id}/retry`,
      headers: { cookie: admin.cookie },
    });
    expect(retry.statusCode).toBe(204);
    expect(
      await db().selectFrom('jobs').select(['status', 'attempts']).where('id', '=', id).executeTakeFirst(),
    ).toEqual({ status: 'pending', attempts: 0 });
  });

  it('lets another runner take over a job whose lease expired, and ignores the late runner', async () => {
    const { id } = await enqueueJob(db(), { kind: 'test.lease', payload: {} });
    const t0 = new Date(Date.now() + 120_000);
    const [taken] = await claimJobs(db(), 'crashed', {
      limit: 1,
      leaseMs: 1_000,
      now: t0,
      kinds: ['test.lease'],
    });
    expect(taken?.id).toBe(id);
    const early = new Date(t0.getTime() + 500);
    expect(
      await claimJobs(db(), 'other', { limit: 1, leaseMs: 1_000, now: early, kinds: ['test.lease'] }),
    ).toEqual([]);
    const late = new Date(t0.getTime() + 1_500);
    const [retaken] = await claimJobs(db(), 'other', {
      limit: 1,
      leaseMs: 60_000,
      now: late,
      kinds: ['test.lease'],
    });
    expect(retaken).toMatchObject({ id, lockedBy: 'other', attempts: 2 });
    // The first runner wakes up and reports: it no longer holds the job, so nothing changes.
    await completeJob(db(), id, 'crashed');
    expect((await jobsOf('test.lease'))[0]?.status).toBe('running');
    await completeJob(db(), id, 'other');
    expect((await jobsOf('test.lease'))[0]?.status).toBe('done');
  });

  it('reads leases on the database’s clock: an instance whose clock runs ahead takes no live job', async () => {
    const { id } = await enqueueJob(db(), { kind: 'test.skew', payload: {} });
    const [taken] = await claimJobs(db(), 'on-time', { limit: 1, leaseMs: 60_000, kinds: ['test.skew'] });
    expect(taken?.id).toBe(id);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 5 * 60_000); // This instance's clock is five minutes ahead.
      expect(await claimJobs(db(), 'ahead', { limit: 1, leaseMs: 60_000, kinds: ['test.skew'] })).toEqual([]);
      expect(await failAbandonedJobs(db())).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    expect(await renewLease(db(), id, 'on-time', 60_000)).toBe(true);
    expect((await jobsOf('test.skew'))[0]).toMatchObject({ status: 'running', lockedBy: 'on-time' });
  });

  it('fails at once what retrying cannot fix: an unknown kind, a payload its schema refuses', async () => {
    await enqueueJob(db(), { kind: 'test.nobody-handles-this', payload: {} });
    await enqueueJob(db(), { kind: mailJobKinds.invitation, payload: { sessionId: 42 } });
    await t.runJobs();
    const [unknown] = await jobsOf('test.nobody-handles-this');
    expect(unknown).toMatchObject({ status: 'failed', attempts: 1 });
    expect(unknown?.lastError).toContain('no handler');
    const [malformed] = await jobsOf(mailJobKinds.invitation);
    expect(malformed).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('retries a handler that throws, and completes it once it succeeds', async () => {
    let calls = 0;
    await enqueueJob(db(), { kind: 'test.second-time-lucky', payload: {} });
    const runner = createJobRunner({
      db: db(),
      backoffBaseMs: 1,
      handlers: {
        'test.second-time-lucky': async () => {
          calls += 1;
          if (calls === 1) throw new Error('SMTP 451 try again later');
        },
      },
    });
    await runner.drain();
    await sleep(10);
    await runner.drain();
    expect(calls).toBe(2);
    expect(await jobsOf('test.second-time-lucky')).toMatchObject([
      { status: 'done', attempts: 2, lastError: null },
    ]);
  });
  it('fails a job whose stored payload no longer parses at once, and survives odd thrown values', async () => {
    const { id } = await enqueueJob(db(), { kind: 'test.garbled', payload: {} });
    await db().updateTable('jobs').set({ payload: '{"broken' }).where('id', '=', id).execute();
    await enqueueJob(db(), { kind: 'test.throws-odd', payload: {}, maxAttempts: 1 });
    const runner = createJobRunner({
      db: db(),
      backoffBaseMs: 1,
      handlers: {
        'test.garbled': async () => {},
        'test.throws-odd': async () => {
          // A value with no toString at all: String() of it throws.
          throw Object.create(null);
        },
      },
    });
    await runner.drain();
    expect(await jobsOf('test.garbled')).toMatchObject([{ status: 'failed', attempts: 1 }]);
    const [odd] = await jobsOf('test.throws-odd');
    expect(odd).toMatchObject({ status: 'failed', attempts: 1 });
    expect(odd?.lastError).toBeTruthy();
  });
  it('keeps running when the database refuses to record a job’s outcome', async () => {
    let refuse = false;
    const flaky = db().withPlugin({
      transformQuery(args) {
        if (refuse && args.node.kind === 'UpdateQueryNode') throw new Error('connection lost');
        return args.node;
      },
      async transformResult(args) {
        return args.result;
      },
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const logged: string[] = [];
    await enqueueJob(db(), { kind: 'test.outcome-lost', payload: {} });
    const runner = createJobRunner({
      db: flaky,
      pollMs: 20,
      log: (_level, message) => logged.push(message),
      handlers: {
        'test.outcome-lost': async () => {
          refuse = true;
        },
      },
    });
    try {
      runner.start();
      for (let i = 0; i < 100 && logged.length === 0; i++) await sleep(10);
      await sleep(50);
      await runner.stop(1_000);
    } finally {
      refuse = false;
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(logged.join('\n')).toContain('connection lost');
    // The job is still running under its lease: another runner takes it over once it expires.
    expect(await jobsOf('test.outcome-lost')).toMatchObject([{ status: 'running' }]);
  });
});

/** Two runners on two connections (two SQLite handles on one file, or a pool on PostgreSQL). */
describe.each(testDialects())('exclusive claiming on %s', (dialect) => {
  let databases: Database[] = [];
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => {
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'archipel-jobs-'));
      const first = openDatabase({ dataDir: dir, sqliteFile: 'jobs.sqlite' });
      await migrateToLatest(first);
      databases = [first, openDatabase({ dataDir: dir, sqliteFile: 'jobs.sqlite' })];
      cleanup = async () => {
        for (const database of databases) await database.close();
        rmSync(dir, { recursive: true, force: true });
      };
    } else {
      const { createTestDatabase } = await import('../testing/test-database.ts');
      const database = await createTestDatabase('postgres');
      databases = [database, database];
      cleanup = () => database.dispose();
    }
  });
  afterAll(() => cleanup());

  it('runs each of 60 jobs exactly once with two runners competing', async () => {
    const [a, b] = databases;
    if (!a || !b) throw new Error('no databases');
    for (let n = 0; n < 60; n++) await enqueueJob(a.db, { kind: 'test.count', payload: { n } });
    const runs: { n: number; runner: string }[] = [];
    const handler = (runner: string) => async (context: { payload: unknown }) => {
      runs.push({ n: (context.payload as { n: number }).n, runner });
      await sleep(5);
    };
    const runnerA = createJobRunner({ db: a.db, handlers: { 'test.count': handler('a') }, concurrency: 4 });
    const runnerB = createJobRunner({ db: b.db, handlers: { 'test.count': handler('b') }, concurrency: 4 });
    await Promise.all([runnerA.drain(), runnerB.drain()]);
    expect(runs).toHaveLength(60);
    expect(new Set(runs.map((r) => r.n)).size).toBe(60);
    expect(new Set(runs.map((r) => r.runner))).toEqual(new Set(['a', 'b']));
    const statuses = await a.db
      .selectFrom('jobs')
      .select('status')
      .where('kind', '=', 'test.count')
      .execute();
    expect(statuses.every((row) => row.status === 'done')).toBe(true);
  });
  it('keeps a slow handler’s job to itself by renewing its lease', async () => {
    const [a, b] = databases;
    if (!a || !b) throw new Error('no databases');
    await enqueueJob(a.db, { kind: 'test.slow', payload: {} });
    let calls = 0;
    // The lease is long enough that a busy machine's pauses (timers late by a second) do not let it
    // lapse between two renewals (every third of it); the handler outlasts it three times over.
    const leaseMs = 1_500;
    const slow = async () => {
      calls += 1;
      await sleep(3 * leaseMs);
    };
    const runnerA = createJobRunner({ db: a.db, handlers: { 'test.slow': slow }, leaseMs });
    const runnerB = createJobRunner({ db: b.db, handlers: { 'test.slow': slow }, leaseMs });
    const first = runnerA.drain();
    await expect.poll(() => calls).toBe(1);
    // Runner B keeps trying while A's handler runs, well past the first lease.
    const until = Date.now() + 2.5 * leaseMs;
    while (Date.now() < until) {
      await runnerB.drain();
      await sleep(100);
    }
    await first;
    expect(calls).toBe(1);
    const [job] = await a.db.selectFrom('jobs').selectAll().where('kind', '=', 'test.slow').execute();
    expect(job).toMatchObject({ status: 'done', attempts: 1 });
  });
});
