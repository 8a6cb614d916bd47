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
 * Run: npm run bench:data -- [--dialect sqlite|postgres|both] [--scale 1] [--requests 100]
 *        [--keep] [--reuse <SQLite data dir | postgres URL>] [--index-per-kind 40000]
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { type DialectName, openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { DB } from '../src/server/db/schema.ts';
import { parseEnv } from '../src/server/env.ts';
import { createMailer } from '../src/server/mail/mailer.ts';
import { SCALE_SLUG, seedScale } from '../src/server/seed-scale/seed-scale.ts';
import { DEFAULT_INDEX_PER_KIND } from '../src/server/seed-scale/seed-scale-command.ts';
import { fastPasswordHashing } from '../src/server/testing/fast-password-hashing.ts';
import { createThrowawayPostgres } from '../src/server/testing/test-postgres.ts';

const { values } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'sqlite' },
    scale: { type: 'string', default: '1' },
    requests: { type: 'string', default: '100' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    'index-per-kind': { type: 'string', default: String(DEFAULT_INDEX_PER_KIND) },
  },
});
const dialects: DialectName[] =
  values.dialect === 'both' ? ['sqlite', 'postgres'] : [values.dialect as DialectName];
if (!dialects.every((d) => d === 'sqlite' || d === 'postgres'))
  throw new Error('--dialect sqlite|postgres|both');
if (values.reuse && dialects.length > 1) throw new Error('--reuse names one database: pick one --dialect');
const SCALE = Number(values.scale);
const REQUESTS = Number(values.requests);
const INDEX_PER_KIND = Number(values['index-per-kind']);
const TARGET_MS = 50;
/** A line stops after this long even if it has not made all its requests (a read far past target). */
const LINE_BUDGET_MS = 30_000;
const SECRET = 'bench-data-secret-bench-data-secret-012345';
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
const pick = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;

/** A better-auth session for each of these people, and the cookie the browser would send. */
async function signIn(db: Kysely<DB>, userIds: readonly string[]): Promise<Map<string, string>> {
  const cookies = new Map<string, string>();
  const now = new Date().toISOString();
  for (const userId of userIds) {
    if (cookies.has(userId)) continue;
    const token = randomBytes(24).toString('base64url');
    await db
      .insertInto('authSessions')
      .values({
        id: randomUUID(),
        userId,
        token,
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        ipAddress: null,
        userAgent: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const signature = createHmac('sha256', SECRET).update(token).digest('base64');
    cookies.set(userId, `archipel.session_token=${encodeURIComponent(`${token}.${signature}`)}`);
  }
  return cookies;
}

interface Sample {
  adminId: string;
  animatorId: string;
  /** Members drawn from the whole community, with their circles and sessions. */
  members: { id: string; circleIds: string[]; sessionIds: string[] }[];
  circleIds: string[];
  sessionIds: string[];
}

/** Viewers and objects, drawn from the seeded rows (every 97th member, every 53rd circle…). */
async function sample(db: Kysely<DB>): Promise<Sample> {
  const community = await db
    .selectFrom('communities')
    .select('id')
    .where('slug', '=', SCALE_SLUG)
    .executeTakeFirstOrThrow();
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('isAdmin', '=', true)
    .executeTakeFirstOrThrow();
  const animator = await db
    .selectFrom('communityMembers')
    .select('userId')
    .where('communityId', '=', community.id)
    .where('role', '=', 'animator')
    .executeTakeFirstOrThrow();
  const memberRows = await db
    .selectFrom('communityMembers')
    .select('userId')
    .where('communityId', '=', community.id)
    .where('role', '=', 'member')
    .orderBy('userId')
    .limit(60)
    .offset(1000)
    .execute();
  const members: Sample['members'] = [];
  for (const { userId } of memberRows) {
    const circles = await db
      .selectFrom('circleMembers')
      .select('circleId')
      .where('userId', '=', userId)
      .execute();
    const sessions = await db
      .selectFrom('sessions')
      .select('id')
      .where(
        'circleId',
        'in',
        circles.map((c) => c.circleId),
      )
      .execute();
    if (circles.length > 0)
      members.push({
        id: userId,
        circleIds: circles.map((c) => c.circleId),
        sessionIds: sessions.map((s) => s.id),
      });
  }
  // The animator reads every circle but private ones (decision 004).
  const circleIds = (
    await db.selectFrom('circles').select('id').where('visibility', '!=', 'private').orderBy('id').execute()
  )
    .filter((_, i) => i % 53 === 0)
    .map((c) => c.id);
  const sessionIds = (
    await db
      .selectFrom('sessions')
      .innerJoin('circles', 'circles.id', 'sessions.circleId')
      .select('sessions.id')
      .where('circles.visibility', '!=', 'private')
      .orderBy('sessions.id')
      .limit(200)
      .offset(1000)
      .execute()
  ).map((s) => s.id);
  return { adminId: admin.id, animatorId: animator.userId, members, circleIds, sessionIds };
}

type Line = { read: string; viewer: string; request: (n: number) => { url: string; userId: string } };

function lines(s: Sample): Line[] {
  const slug = SCALE_SLUG;
  const member = (n: number) => pick(s.members, n);
  const words = ['cercle', 'séance', 'coopération', 'codev', 'météo', 'usager', 'proposition', 'bilan*'];
  return [
    {
      read: 'yardstick GET /me',
      viewer: 'member',
      request: (n) => ({ url: '/api/v1/me', userId: member(n).id }),
    },
    {
      read: 'community home',
      viewer: 'member',
      request: (n) => ({ url: `/api/v1/communities/${slug}/home`, userId: member(n).id }),
    },
    {
      read: 'community home',
      viewer: 'animator',
      request: () => ({ url: `/api/v1/communities/${slug}/home`, userId: s.animatorId }),
    },
    {
      read: 'community home',
      viewer: 'admin',
      request: () => ({ url: `/api/v1/communities/${slug}/home`, userId: s.adminId }),
    },
    {
      read: 'circle page',
      viewer: 'member',
      request: (n) => ({ url: `/api/v1/circles/${pick(member(n).circleIds, n)}`, userId: member(n).id }),
    },
    {
      read: 'circle page',
      viewer: 'animator',
      request: (n) => ({ url: `/api/v1/circles/${pick(s.circleIds, n)}`, userId: s.animatorId }),
    },
    {
      read: 'circle sessions',
      viewer: 'member',
      request: (n) => ({
        url: `/api/v1/circles/${pick(member(n).circleIds, n)}/sessions`,
        userId: member(n).id,
      }),
    },
    {
      read: 'circle members',
      viewer: 'member',
      request: (n) => ({
        url: `/api/v1/circles/${pick(member(n).circleIds, n)}/members`,
        userId: member(n).id,
      }),
    },
    {
      read: 'session page',
      viewer: 'member',
      request: (n) => ({
        url: `/api/v1/sessions/${pick(member(n).sessionIds, n * 7)}`,
        userId: member(n).id,
      }),
    },
    {
      read: 'session page',
      viewer: 'animator',
      request: (n) => ({ url: `/api/v1/sessions/${pick(s.sessionIds, n)}`, userId: s.animatorId }),
    },
    {
      read: 'my actions',
      viewer: 'member',
      request: (n) => ({ url: '/api/v1/me/actions', userId: member(n).id }),
    },
    {
      read: 'my sessions (upcoming)',
      viewer: 'member',
      request: (n) => ({ url: '/api/v1/me/sessions', userId: member(n).id }),
    },
    {
      read: 'my sessions (past)',
      viewer: 'member',
      request: (n) => ({ url: '/api/v1/me/sessions?when=past', userId: member(n).id }),
    },
    {
      read: 'search',
      viewer: 'member',
      request: (n) => ({
        url: `/api/v1/search?${new URLSearchParams({ q: pick(words, n), community: slug })}`,
        userId: member(n).id,
      }),
    },
    {
      read: 'search',
      viewer: 'animator',
      request: (n) => ({
        url: `/api/v1/search?${new URLSearchParams({ q: pick(words, n), community: slug })}`,
        userId: s.animatorId,
      }),
    },
    {
      read: 'animator dashboard',
      viewer: 'animator',
      request: () => ({ url: `/api/v1/communities/${slug}/dashboard`, userId: s.animatorId }),
    },
    {
      read: 'admin user list',
      viewer: 'admin',
      request: () => ({ url: '/api/v1/admin/users', userId: s.adminId }),
    },
    {
      read: 'admin user search',
      viewer: 'admin',
      request: (n) => ({
        url: `/api/v1/admin/users?q=${pick(['martin', 'camille', 'membre-12', 'dupont 4'], n)}`,
        userId: s.adminId,
      }),
    },
  ];
}

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
    const s = await sample(db);
    const cookies = await signIn(db, [s.adminId, s.animatorId, ...s.members.map((m) => m.id)]);
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
    const results: { line: Line; p50: number; p95: number; count: number }[] = [];
    let answered = 0;
    let sent = 0;
    for (const line of lines(s)) {
      const times: number[] = [];
      const lineStarted = performance.now();
      for (let n = 0; n < REQUESTS + 5 && performance.now() - lineStarted < LINE_BUDGET_MS; n++) {
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
        if (n >= 5) times.push(elapsed); // the first five warm the statement caches
      }
      times.sort((a, b) => a - b);
      results.push({ line, p50: percentile(times, 50), p95: percentile(times, 95), count: times.length });
    }
    await app.close();
    report(dialect, results, answered, sent);
    if (values.keep) {
      cleanUp = false;
      console.log(`  kept: ${url ?? join(dataDir, 'archipel.sqlite')} (--reuse ${url ?? dataDir})`);
    }
  } finally {
    await database.close();
    if (cleanUp) {
      await postgres?.drop();
      if (dialect === 'sqlite') rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

function report(
  dialect: DialectName,
  results: { line: Line; p50: number; p95: number; count: number }[],
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
  console.log(`bench:data on ${dialect}, scale ${SCALE}${values.reuse ? ` (reusing ${values.reuse})` : ''}`);
  await measureDialect(dialect);
}
