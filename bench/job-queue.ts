/**
 * Throughput of the job queue: 2,000 no-op jobs drained by two runners on two connections, then
 * 200 real mails (rendered, logged in mail_deliveries, sent over SMTP to a local smtp-server).
 * SQLite always; PostgreSQL too when DATABASE_URL points at a scratch database.
 * Run: node bench/job-queue.ts [DATABASE_URL=postgres://…]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { createJobRunner } from '../src/server/jobs/job-runner.ts';
import { enqueueJob } from '../src/server/jobs/jobs.ts';
import { mailJobHandlers, mailJobKinds } from '../src/server/mail/mail-jobs.ts';
import { createMailer } from '../src/server/mail/mailer.ts';
import { startSmtpTestServer } from '../src/server/testing/smtp-test-server.ts';

const JOBS = 2_000;
const MAILS = 200;

async function bench(label: string, open: () => ReturnType<typeof openDatabase>) {
  const a = open();
  await migrateToLatest(a);
  const b = open();
  await a.db.deleteFrom('jobs').execute();
  for (let n = 0; n < JOBS; n++) await enqueueJob(a.db, { kind: 'bench.noop', payload: { n } });
  const handlers = { 'bench.noop': async () => {} };
  let started = performance.now();
  await Promise.all([
    createJobRunner({ db: a.db, handlers, concurrency: 8 }).drain(),
    createJobRunner({ db: b.db, handlers, concurrency: 8 }).drain(),
  ]);
  const noopMs = performance.now() - started;

  const smtp = await startSmtpTestServer();
  const now = new Date().toISOString();
  for (let n = 0; n < MAILS; n++) {
    const id = `bench-${n}-${Date.now()}`;
    await a.db
      .insertInto('users')
      .values({
        id,
        name: `Agent ${n}`,
        email: `${id}@example.org`,
        emailVerified: true,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await enqueueJob(a.db, {
      kind: mailJobKinds.signupPromotion,
      payload: {
        userId: id,
        sheetTitle: 'Qui veut y travailler ?',
        topicTitle: 'Évaluation',
        sheetId: `sheet-${n}`,
      },
    });
  }
  const mailer = createMailer({
    smtpUrl: smtp.url,
    from: 'Archipel <no-reply@archipel.example>',
    db: a.db,
    log: () => {},
  });
  const mail = {
    db: a.db,
    mailer,
    publicUrl: 'https://archipel.example',
    mailFrom: 'x <no-reply@x.org>',
    secret: 's'.repeat(32),
  };
  started = performance.now();
  await createJobRunner({ db: a.db, handlers: mailJobHandlers(mail), concurrency: 8 }).drain();
  const mailMs = performance.now() - started;
  await smtp.close();
  await a.close();
  await b.close();
  // A benchmark that sends nothing measures nothing: every mail must have arrived.
  if (smtp.received.length !== MAILS)
    throw new Error(`${MAILS} mails queued, ${smtp.received.length} received`);
  console.log(
    `${label.padEnd(10)} ${(JOBS / (noopMs / 1000)).toFixed(0).padStart(7)} jobs/s   ${(MAILS / (mailMs / 1000)).toFixed(0).padStart(5)} mails/s (${smtp.received.length} received)`,
  );
}

console.log(`job queue: ${JOBS} no-op jobs with 2 runners × 8, then ${MAILS} mails over local SMTP`);
const dir = mkdtempSync(join(tmpdir(), 'archipel-bench-jobs-'));
await bench('sqlite', () => openDatabase({ dataDir: dir, sqliteFile: 'bench.sqlite' }));
rmSync(dir, { recursive: true, force: true });
const url = process.env.DATABASE_URL;
if (url) await bench('postgres', () => openDatabase({ url, dataDir: '.' }));
