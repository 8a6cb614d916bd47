/**
 * A large community (issue 16, item 5): the main reads at p95 server time on a database holding
 * 100,000 members, 10,000 circles, 100,000 sessions, 1,000,000 post-its and 200,000 ballots
 * (`archipel seed-scale`, src/server/seed-scale/). Target: p95 ≤ 50 ms for each read.
 *
 * Server time = one `app.inject` round trip in this process (routing, zod, the viewer's
 * better-auth session, the policy, SQL, serialisation; no socket), one request after another, each
 * on another object or viewer: members drawn from the whole community, their own circles, sessions
 * and steps, circles and sessions all over the community for the animator. The yardstick, in the
 * same run: `GET /api/v1/me` (the viewer's session and one row by key), the floor of any read.
 *
 * Run: npm run bench:data -- [--dialect sqlite|postgres|both] [--scale 0.1] [--requests 100]
 *        [--keep] [--reuse <SQLite data dir | postgres URL>] [--index-per-kind 40000]
 *        [--lines "home,admin user search"] (only these reads, by words of their name, and the yardstick)
 * The default scale (a tenth: 10,000 members, 1,000 circles) keeps a run under ten minutes; the
 * full community is seeded once (`archipel seed-scale`, 10–19 minutes on a busy machine) and read
 * with `--reuse`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/server/app.ts';
import { type DialectName, openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { parseEnv } from '../src/server/env.ts';
import { createMailer } from '../src/server/mail/mailer.ts';
import {
  type ScaleRead,
  sampleScaleWorld,
  scaleReads,
  signInScaleViewers,
} from '../src/server/seed-scale/scale-reads.ts';
import { seedScale } from '../src/server/seed-scale/seed-scale.ts';
import { DEFAULT_INDEX_PER_KIND } from '../src/server/seed-scale/seed-scale-command.ts';
import { fastPasswordHashing } from '../src/server/testing/fast-password-hashing.ts';
import { createThrowawayPostgres } from '../src/server/testing/test-postgres.ts';

const { values } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'sqlite' },
    scale: { type: 'string', default: '0.1' },
    requests: { type: 'string', default: '100' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    'index-per-kind': { type: 'string', default: String(DEFAULT_INDEX_PER_KIND) },
    /** Only the reads whose name holds one of these words (comma-separated), with the yardstick. */
    lines: { type: 'string' },
  },
});
const LINES = values.lines?.split(',').map((word) => word.trim().toLowerCase());
const isMeasured = (line: ScaleRead, index: number) =>
  index === 0 || !LINES || LINES.some((word) => `${line.read} ${line.viewer}`.toLowerCase().includes(word));
const dialects: DialectName[] =
  values.dialect === 'both' ? ['sqlite', 'postgres'] : [values.dialect as DialectName];
if (!dialects.every((d) => d === 'sqlite' || d === 'postgres'))
  throw new Error('--dialect sqlite|postgres|both');
if (values.reuse && dialects.length > 1) throw new Error('--reuse names one database: pick one --dialect');
const SCALE = Number(values.scale);
const REQUESTS = Number(values.requests);
const INDEX_PER_KIND = Number(values['index-per-kind']);
const TARGET_MS = 50;
/** The first requests of each line warm the statement caches and are not counted. */
const WARM_UP = 3;
/** A line stops after this long (once it has 3 counted requests) even if it has not made all its requests (a read far past target). */
const LINE_BUDGET_MS = 30_000;
const SECRET = 'bench-data-secret-bench-data-secret-012345';
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

async function measureDialect(dialect: DialectName) {
  const dataDir =
    values.reuse && dialect === 'sqlite' ? values.reuse : mkdtempSync(join(tmpdir(), 'archipel-bench-data-'));
  const postgres =
    dialect === 'postgres' && !values.reuse
      ? await createThrowawayPostgres(adminUrl, 'archipel_scale_bench')
      : undefined;
  const url = dialect === 'postgres' ? (values.reuse ?? postgres?.url) : undefined;
  if (dialect === 'sqlite' && values.reuse && !existsSync(join(dataDir, 'archipel.sqlite')))
    throw new Error(`${dataDir} holds no archipel.sqlite`);
  const database = openDatabase({ url, dataDir });
  let cleanUp = !values.keep && !values.reuse;
  try {
    await migrateToLatest(database);
    const db = database.db;
    if (!values.reuse) {
      const started = performance.now();
      await seedScale(db, {
        scale: SCALE,
        indexPerKind: INDEX_PER_KIND === 0 ? undefined : INDEX_PER_KIND,
        log: (line) => console.log(`  ${line}`),
      });
      console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    const s = await sampleScaleWorld(db);
    const cookies = await signInScaleViewers(db, SECRET, [
      s.adminId,
      s.animatorId,
      ...s.members.map((m) => m.id),
    ]);
    const env = parseEnv({ PUBLIC_URL: 'http://bench.test', AUTH_SECRET: SECRET, DATA_DIR: dataDir });
    const mailer = createMailer({ smtpUrl: undefined, from: env.MAIL_FROM, db, log: () => {} });
    const app = await buildApp({
      database,
      env,
      mailer,
      version: 'bench',
      webRoot: '/nonexistent',
      passwordHashing: fastPasswordHashing,
      logger: false,
    });
    await app.ready();
    const results: { line: ScaleRead; p50: number; p95: number; count: number }[] = [];
    let answered = 0;
    let sent = 0;
    const cpuBefore = process.cpuUsage();
    const readsStarted = performance.now();
    for (const line of scaleReads(s).filter(isMeasured)) {
      const times: number[] = [];
      const lineStarted = performance.now();
      const going = (n: number) =>
        n < REQUESTS + WARM_UP && (performance.now() - lineStarted < LINE_BUDGET_MS || times.length < 3);
      for (let n = 0; going(n); n++) {
        const { url: path, userId } = line.request(n);
        const started = performance.now();
        const response = await app.inject({ url: path, headers: { cookie: cookies.get(userId) ?? '' } });
        const elapsed = performance.now() - started;
        sent++;
        if (response.statusCode !== 200)
          throw new Error(
            `${line.read} (${line.viewer}) ${path}: ${response.statusCode} ${response.body.slice(0, 300)}`,
          );
        answered++;
        if (n >= WARM_UP) times.push(elapsed);
      }
      times.sort((a, b) => a - b);
      results.push({ line, p50: percentile(times, 50), p95: percentile(times, 95), count: times.length });
    }
    const cpu = process.cpuUsage(cpuBefore);
    const wall = performance.now() - readsStarted;
    await app.close();
    report(dialect, results, answered, sent);
    // The reads' process: app and, on SQLite, the database engine too (PostgreSQL's is apart).
    console.log(
      `  reads: ${(wall / 1000).toFixed(1)} s, CPU of this process ${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(0)} %, peak RSS ${peakRssMb()} MB`,
    );
    if (values.keep) {
      cleanUp = false;
      console.log(`  kept: ${url ?? join(dataDir, 'archipel.sqlite')} (--reuse ${url ?? dataDir})`);
    }
  } finally {
    await database.close();
    if (cleanUp) await postgres?.drop();
    // The temporary directory is ours: PostgreSQL never needs it afterwards, SQLite unless kept.
    const ownDirectory = dataDir !== values.reuse;
    if (ownDirectory && (cleanUp || dialect === 'postgres'))
      rmSync(dataDir, { recursive: true, force: true });
  }
}

/** VmHWM: the most memory this process has held. */
function peakRssMb(): string {
  const line = readFileSync('/proc/self/status', 'utf8').match(/VmHWM:\s+(\d+) kB/);
  return line ? (Number(line[1]) / 1024).toFixed(0) : '?';
}

function report(
  dialect: DialectName,
  results: { line: ScaleRead; p50: number; p95: number; count: number }[],
  answered: number,
  sent: number,
) {
  const yardstick = results[0]?.p95 ?? Number.NaN;
  console.log(
    `\n  ${dialect}: p50 / p95 ms of server time (app.inject), yardstick GET /me p95 ${yardstick.toFixed(1)} ms`,
  );
  console.log(
    `  ${'read'.padEnd(24)} ${'viewer'.padEnd(9)} ${'n'.padStart(4)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'ratio'.padStart(6)}  target ${TARGET_MS} ms`,
  );
  let missed = 0;
  for (const { line, p50, p95, count } of results) {
    const verdict = line.read.startsWith('yardstick') ? '' : p95 <= TARGET_MS ? 'MEETS' : 'MISSES';
    if (verdict === 'MISSES') missed++;
    console.log(
      `  ${line.read.padEnd(24)} ${line.viewer.padEnd(9)} ${String(count).padStart(4)} ${p50.toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${(p95 / yardstick).toFixed(1).padStart(6)}  ${verdict}`,
    );
  }
  console.log(
    `  ${answered}/${sent} requests answered 200; ${missed === 0 ? 'every read MEETS' : `${missed} reads MISS`} the ${TARGET_MS} ms target on ${dialect}`,
  );
}

for (const dialect of dialects) {
  console.log(`bench:data on ${dialect}, ${values.reuse ? `reusing ${values.reuse}` : `scale ${SCALE}`}`);
  await measureDialect(dialect);
}
