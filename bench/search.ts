/**
 * Search over 100,000 indexed documents: server time of `GET /api/v1/search` (the route the web
 * client calls, through `app.inject`: validation, the viewer's session, the visibility rule, ranking,
 * count and snippets), p50/p95 per kind of query and viewer; then how long an edit made through the
 * API takes to be found, with the indexer every server runs.
 *
 * The documents are written straight into the index (search-index.ts, as the indexer writes them)
 * across 200 circles of every visibility, with French text drawn from the seed meeting's words
 * (Zipf-like: a few words very common, most rare). The viewers are real accounts with better-auth
 * sessions, signed as better-auth signs them.
 *
 * Run: node bench/search.ts [--documents 100000] [--runs 40] [--dialect sqlite|postgres] [--keep]
 * (`--keep` leaves the PostgreSQL database in place and prints its URL, to study plans with EXPLAIN.)
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { type DialectName, openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { parseEnv } from '../src/server/env.ts';
import { featureSearchSources } from '../src/server/features/registry.ts';
import { createMailer } from '../src/server/mail/mailer.ts';
import { writeDocuments } from '../src/server/search/search-index.ts';
import { createSearchIndexer } from '../src/server/search/search-indexer.ts';
import type { SearchAudience } from '../src/server/search/search-source.ts';
import { fastPasswordHashing } from '../src/server/testing/fast-password-hashing.ts';
import { createThrowawayPostgres } from '../src/server/testing/test-postgres.ts';

const { values } = parseArgs({
  options: {
    documents: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '40' },
    dialect: { type: 'string', default: 'sqlite' },
    keep: { type: 'boolean', default: false },
  },
});
const DOCUMENTS = Number(values.documents);
const RUNS = Number(values.runs);
if (values.dialect !== 'sqlite' && values.dialect !== 'postgres')
  throw new Error('--dialect sqlite|postgres');
const dialect: DialectName = values.dialect;
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const CIRCLES = 200;

/** Mulberry32: a small deterministic generator (32-bit integer arithmetic), so every run indexes the same text. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const next = random(42);

const seedText = readFileSync(new URL('../../shared/seed/000_ccd74ee6f6e0d1ee.txt', import.meta.url), 'utf8');
const seedCounts = new Map<string, number>();
for (const w of seedText.toLowerCase().match(/\p{L}{4,}/gu) ?? [])
  seedCounts.set(w, (seedCounts.get(w) ?? 0) + 1);
/** The meeting's words by frequency, then made-up words: 20,000 words, as a community's texts use. */
const syllables = [
  'ba',
  'co',
  'di',
  'fu',
  'ga',
  'lo',
  'mi',
  'no',
  'pe',
  'ra',
  'si',
  'tu',
  'va',
  'zo',
  'che',
  'gre',
  'pla',
  'tri',
];
const vocabulary = [...seedCounts.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
for (let i = 0; vocabulary.length < 20_000; i++) {
  const pick = (n: number) => syllables[n % syllables.length] ?? 'ba';
  vocabulary.push(
    `${pick(i)}${pick(Math.floor(i / 18))}${pick(Math.floor(i / 324))}${pick(Math.floor(i / 5832))}`,
  );
}
/**
 * Zipf's law with the commonest words (the stop words both engines drop) left out: the word of rank
 * r is drawn in proportion to 1/(r + 10), so the commonest kept word is about 1 % of a text.
 */
const word = () => {
  const n = vocabulary.length;
  const rank = Math.floor(10 * ((n + 10) / 10) ** next() - 10);
  return vocabulary[Math.min(n - 1, Math.max(0, rank))] ?? 'cercle';
};
const words = (min: number, max: number) =>
  Array.from({ length: min + Math.floor(next() * (max - min)) }, word).join(' ');

function sessionCookie(token: string): string {
  const signature = createHmac('sha256', SECRET).update(token).digest('base64');
  return `archipel.session_token=${encodeURIComponent(`${token}.${signature}`)}`;
}

const dataDir = mkdtempSync(join(tmpdir(), 'archipel-bench-search-'));
const postgres =
  dialect === 'postgres'
    ? await createThrowawayPostgres(
        process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
        'archipel_bench_search',
      )
    : undefined;
const database = openDatabase({ url: postgres?.url, dataDir });
await migrateToLatest(database);
const db = database.db;
const now = new Date().toISOString();

// People: an animator (reads everything but private circles), a member of 10 circles, and visitors.
const communityId = randomUUID();
const people = ['animator', 'member', 'outsider'].map((name) => ({
  id: randomUUID(),
  name,
  token: randomBytes(24).toString('base64url'),
}));
const [animator, member, outsider] = people;
if (!animator || !member || !outsider) throw new Error('people');
await db
  .insertInto('communities')
  .values({
    id: communityId,
    slug: 'bench',
    name: 'Bench',
    description: '',
    charter: '',
    joinPolicy: 'open',
    inviteCode: randomBytes(18).toString('base64url'),
    createdBy: null,
    createdAt: now,
    updatedAt: now,
  })
  .execute();
for (const person of people) {
  await db
    .insertInto('users')
    .values({
      id: person.id,
      name: person.name,
      email: `${person.name}@bench.example`,
      emailVerified: true,
      image: null,
      organisation: null,
      territory: null,
      bio: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await db
    .insertInto('authSessions')
    .values({
      id: randomUUID(),
      userId: person.id,
      token: person.token,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      ipAddress: null,
      userAgent: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
}
for (const [person, role] of [
  [animator, 'animator'],
  [member, 'member'],
] as const) {
  await db
    .insertInto('communityMembers')
    .values({ communityId, userId: person.id, role, status: 'active', createdAt: now })
    .execute();
}
const visibilities = ['public', 'public', 'community', 'community', 'private'] as const;
const circleIds = Array.from({ length: CIRCLES }, () => randomUUID());
for (const [index, id] of circleIds.entries()) {
  await db
    .insertInto('circles')
    .values({
      id,
      communityId,
      name: `Cercle ${index}`,
      kind: 'learning_circle',
      method: null,
      description: '',
      intention: '',
      capacity: null,
      visibility: visibilities[index % visibilities.length] ?? 'public',
      status: 'active',
      joinPolicy: 'open',
      createdBy: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  if (index % 20 === 0) {
    await db
      .insertInto('circleMembers')
      .values({
        circleId: id,
        userId: member.id,
        role: index === 0 ? 'facilitator' : 'member',
        status: 'member',
        position: 1,
        createdAt: now,
      })
      .execute();
  }
}

// The documents, in transactions of 1,000, as the indexer writes them.
const audiences: SearchAudience[] = [
  'circle-content',
  'circle-content',
  'circle-content',
  'circle-content',
  'circle-content',
  'circle-content',
  'board',
  'circle',
  'community',
  'everyone',
];
const kinds: Record<SearchAudience, string> = {
  'circle-content': 'session',
  board: 'postit',
  circle: 'circle',
  community: 'learning-design',
  everyone: 'glossary',
};
const indexingStarted = performance.now();
for (let start = 0; start < DOCUMENTS; start += 1000) {
  const batch = Array.from({ length: Math.min(1000, DOCUMENTS - start) }, (_, i) => {
    const audience = audiences[(start + i) % audiences.length] ?? 'everyone';
    const circleId =
      audience === 'community' || audience === 'everyone' ? null : (circleIds[(start + i) % CIRCLES] ?? null);
    return {
      audience,
      document: {
        objectId: randomUUID(),
        communityId,
        circleId,
        sessionId: null,
        ownerId: null,
        audience,
        title: words(3, 8),
        body: words(40, 240),
        url: '/bench',
        date: new Date(Date.UTC(2021, 0, 1) + Math.floor(next() * 5 * 365) * 86_400_000).toISOString(),
      },
    };
  });
  await db.transaction().execute(async (trx) => {
    for (const audience of Object.keys(kinds) as SearchAudience[]) {
      const documents = batch.filter((b) => b.audience === audience).map((b) => b.document);
      await writeDocuments(trx, kinds[audience], documents);
    }
  });
}
const indexingSeconds = (performance.now() - indexingStarted) / 1000;
// What autovacuum does after a large load: the planner's statistics of the new rows.
if (dialect === 'postgres') await sql`analyze search_documents`.execute(db);

const env = parseEnv({ PUBLIC_URL: 'http://bench.test', AUTH_SECRET: SECRET, DATA_DIR: dataDir });
const mailer = createMailer({ smtpUrl: undefined, from: env.MAIL_FROM, db, log: () => {} });
const app = await buildApp({
  database,
  env,
  mailer,
  version: 'bench',
  webRoot: '/nonexistent',
  passwordHashing: fastPasswordHashing,
});
await app.ready();

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const queries: [string, string][] = [
  ['common word', vocabulary[0] ?? 'cercles'],
  ['middle word', vocabulary[Math.floor(vocabulary.length / 10)] ?? 'boussole'],
  ['rare word', vocabulary[5000] ?? 'essaimage'],
  ['two words', `${vocabulary[1]} ${vocabulary[5]}`],
  ['"phrase"', `"${vocabulary[0]} ${vocabulary[1]}"`],
  ['prefix*', 'coop*'],
  ['accents off', 'cooperation'],
];
const viewers: [string, string | undefined][] = [
  ['member of 10 circles', sessionCookie(member.token)],
  ['animator', sessionCookie(animator.token)],
  ['anonymous', undefined],
  ['outsider', sessionCookie(outsider.token)],
];

console.log(
  `search bench on ${dialect}: ${DOCUMENTS} documents in ${CIRCLES} circles, indexed in ${indexingSeconds.toFixed(1)} s; ${RUNS} runs per line, server time through app.inject`,
);
console.log('query            viewer                  total   p50 ms   p95 ms');
const all: number[] = [];
for (const [label, q] of queries) {
  for (const [who, cookie] of viewers) {
    const times: number[] = [];
    let total = 0;
    for (let run = 0; run < RUNS + 3; run++) {
      const started = performance.now();
      const response = await app.inject({
        url: `/api/v1/search?${new URLSearchParams({ q, community: 'bench' })}`,
        headers: cookie ? { cookie } : {},
      });
      const elapsed = performance.now() - started;
      if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`);
      total = response.json().total;
      if (run >= 3) times.push(elapsed);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    console.log(
      `${label.padEnd(16)} ${who.padEnd(22)} ${String(total).padStart(6)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)}`,
    );
  }
}
all.sort((a, b) => a - b);
console.log(
  `all queries: p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms, max ${(all.at(-1) ?? 0).toFixed(1)} ms`,
);

// An edit through the API, found by search: the indexer as `archipel serve` runs it.
const facilitatorCookie = sessionCookie(member.token);
const created = await app.inject({
  method: 'POST',
  url: `/api/v1/circles/${circleIds[0]}/sessions`,
  headers: { cookie: facilitatorCookie, origin: 'http://bench.test' },
  payload: { title: 'Séance témoin', startsAt: '2030-01-07T13:00:00Z', endsAt: '2030-01-07T14:00:00Z' },
});
if (created.statusCode !== 201) throw new Error(`session: ${created.statusCode} ${created.body}`);
const sessionId = created.json().id;
const indexer = createSearchIndexer(db, featureSearchSources());
indexer.start();
const latencies: number[] = [];
for (let edit = 0; edit < 20; edit++) {
  const marker = `marqueur${randomBytes(4).toString('hex').replace(/\d/g, 'x')}`;
  const started = performance.now();
  const patched = await app.inject({
    method: 'PATCH',
    url: `/api/v1/sessions/${sessionId}`,
    headers: { cookie: facilitatorCookie, origin: 'http://bench.test' },
    payload: { title: `Séance ${marker}` },
  });
  if (patched.statusCode !== 200) throw new Error(`patch: ${patched.statusCode} ${patched.body}`);
  for (;;) {
    const found = await app.inject({
      url: `/api/v1/search?q=${marker}`,
      headers: { cookie: facilitatorCookie },
    });
    if (found.json().total === 1) break;
    if (performance.now() - started > 10_000) throw new Error('an edit was not found within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  latencies.push(performance.now() - started);
}
await indexer.stop();
latencies.sort((a, b) => a - b);
console.log(
  `edit → found by search (20 edits, indexer polling every 500 ms): p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${(latencies.at(-1) ?? 0).toFixed(0)} ms`,
);

await app.close();
await database.close();
if (values.keep && postgres) console.log(`kept: ${postgres.url}`);
else await postgres?.drop();
rmSync(dataDir, { recursive: true, force: true });
