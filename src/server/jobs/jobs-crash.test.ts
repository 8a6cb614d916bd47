import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, type DialectName, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { messageIdFor } from '../mail/mail-delivery.ts';
import { mailJobKinds } from '../mail/mail-jobs.ts';
import { type SmtpTestServer, startSmtpTestServer } from '../testing/smtp-test-server.ts';
import { testDialects } from '../testing/test-database.ts';
import { enqueueJob } from './jobs.ts';

const root = new URL('../../../', import.meta.url).pathname;
const PUBLIC_URL = 'http://archipel.test';
const MAILS = 50;

/** `archipel serve` in a process of its own, which the test can kill -9. */
function startWorker(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['src/cli/main.ts', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      PUBLIC_URL,
      ARCHIPEL_DEMO: '0',
      LOG_LEVEL: 'error',
      AUTH_SECRET: 'crash-test-secret-crash-test-secret-0123',
      JOB_LEASE_SECONDS: '2',
      ...env,
    },
    stdio: 'ignore',
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

async function openScratchDatabase(
  dialect: DialectName,
): Promise<{ database: Database; env: Record<string, string>; dispose(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'archipel-jobs-crash-'));
    const database = openDatabase({ dataDir: dir });
    return {
      database,
      env: { DATA_DIR: dir },
      async dispose() {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL ?? '';
  const name = `archipel_crash_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ url: url.toString(), dataDir: '.', onConnectionError: () => {} });
  return {
    database,
    env: { DATABASE_URL: url.toString(), DATA_DIR: tmpdir() },
    async dispose() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

describe.each(testDialects())('a worker killed while sending, on %s', (dialect) => {
  let scratch: Awaited<ReturnType<typeof openScratchDatabase>>;
  let database: Database;
  let smtp: SmtpTestServer;
  let first: ChildProcess | undefined;
  let second: ChildProcess | undefined;
  beforeAll(async () => {
    scratch = await openScratchDatabase(dialect);
    database = scratch.database;
    await migrateToLatest(database);
  });
  afterAll(async () => {
    first?.kill('SIGKILL');
    second?.kill('SIGKILL');
    await smtp?.close();
    await scratch.dispose();
  });

  it('delivers every pending mail exactly once after kill -9 and a restart', async () => {
    const now = new Date().toISOString();
    const keys: string[] = [];
    // A real sheet in a public circle: promotion mails are checked against what their recipient may
    // see when they are sent, and a sheet that does not exist would be mailed to nobody.
    await database.db
      .insertInto('communities')
      .values({
        id: 'crash-community',
        slug: 'crash-community',
        name: 'Crash',
        description: '',
        charter: '',
        joinPolicy: 'open',
        inviteCode: 'crash-invite-code',
        createdBy: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await database.db
      .insertInto('circles')
      .values({
        id: 'crash-circle',
        communityId: 'crash-community',
        name: 'Forum',
        kind: 'learning_circle',
        method: null,
        description: '',
        intention: '',
        capacity: null,
        visibility: 'public',
        status: 'active',
        joinPolicy: 'open',
        createdBy: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await database.db
      .insertInto('signupSheets')
      .values({
        id: 'crash-sheet',
        circleId: 'crash-circle',
        title: 'Forum',
        createdBy: null,
        createdAt: now,
      })
      .execute();
    for (let n = 0; n < MAILS; n++) {
      const userId = `crash-user-${n}`;
      await database.db
        .insertInto('users')
        .values({
          id: userId,
          name: `Agent ${n}`,
          email: `agent${n}@example.org`,
          emailVerified: true,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      const key = `crash-test:${n}`;
      keys.push(key);
      await enqueueJob(database.db, {
        kind: mailJobKinds.signupPromotion,
        payload: { userId, sheetId: 'crash-sheet', sheetTitle: `Forum ${n}`, topicTitle: 'Atelier' },
        key,
      });
    }

    // The SMTP server takes 30 ms per message. When the 15th message's data has arrived, and before
    // the server says 250, the worker is killed: that message was never accepted.
    smtp = await startSmtpTestServer({
      delayMs: 30,
      onData: async (count, connection) => {
        if (count !== 15 || !first) return;
        // Hold the answer until the worker is dead and its connection seen closed, however slow
        // the machine: the message is then never accepted.
        first.kill('SIGKILL');
        await exited(first);
        await connection.closed();
      },
    });
    // One job at a time in the first worker puts the kill exactly mid-conversation, outside the
    // documented window (accepted by SMTP, not yet recorded), which mail.test.ts covers.
    first = startWorker({ ...scratch.env, SMTP_URL: smtp.url, JOB_CONCURRENCY: '1' });
    await exited(first);
    expect(first.signalCode).toBe('SIGKILL');
    const beforeRestart = smtp.received.length;
    expect(beforeRestart).toBe(14);
    const stuck = await database.db
      .selectFrom('jobs')
      .select('status')
      .where('status', '=', 'running')
      .execute();
    expect(stuck).toHaveLength(1);

    const started = Date.now();
    second = startWorker({ ...scratch.env, SMTP_URL: smtp.url, JOB_CONCURRENCY: '4' });
    const received = await smtp.waitFor(MAILS);
    // Every job done: a duplicate would have been sent (and received) before its job was marked so.
    const allDone = async () =>
      (await database.db.selectFrom('jobs').select('status').execute()).every((job) => job.status === 'done');
    await expect.poll(allDone).toBe(true);
    expect(received).toHaveLength(MAILS);
    const messageIds = received.map((mail) => mail.parsed.messageId);
    expect(new Set(messageIds).size).toBe(MAILS);
    expect(new Set(messageIds)).toEqual(new Set(keys.map((key) => messageIdFor(key, PUBLIC_URL))));
    console.log(
      `restart: ${MAILS - beforeRestart} remaining mails in ${Date.now() - started} ms (lease 2 s)`,
    );

    // SIGTERM: the worker finishes what it holds and exits cleanly.
    second.kill('SIGTERM');
    expect(await exited(second)).toBe(0);
    const jobs = await database.db.selectFrom('jobs').select(['status', 'attempts', 'key']).execute();
    expect(jobs.every((job) => job.status === 'done')).toBe(true);
    expect(jobs.filter((job) => job.attempts === 2)).toHaveLength(1);
    const deliveries = await database.db.selectFrom('mailDeliveries').select('status').execute();
    expect(deliveries.map((d) => d.status)).toEqual(Array.from({ length: MAILS }, () => 'sent'));
    // Two worker processes start and a lease expires: a limit for a hang, not a busy machine.
  }, 180_000);
});
