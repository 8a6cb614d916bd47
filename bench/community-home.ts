/**
 * How long the community home takes to answer (GET /api/v1/communities/{slug}/home, through the
 * real app with app.inject: routing, viewer, SQL, serialisation), on the demo community enlarged to
 * 50 more circles (a third private) and 2,000 sessions with their people, next steps and
 * announcements. Prints p50/p95 per kind of viewer, and the dashboard over 12 months beside it.
 * Run: node bench/community-home.ts [requests per viewer, default 200]
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../src/server/db/schema.ts';
import { seedDemoData } from '../src/server/demo/demo-data.ts';
import { createTestApp, registerUser, type TestApp, type TestUser } from '../src/server/testing/test-app.ts';

const CIRCLES = 50;
const SESSIONS = 2000;
const requests = Number(process.argv[2] ?? 200);
const day = 86_400_000;

async function enlarge(t: TestApp, slug: string, people: TestUser[]) {
  const db = t.database.db as Kysely<DB>;
  const community = await db
    .selectFrom('communities')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  for (const person of people) {
    await db
      .insertInto('communityMembers')
      .values({
        communityId: community.id,
        userId: person.id,
        role: 'member',
        status: 'active',
        createdAt: now,
      })
      .execute();
  }
  const [owner] = people as [TestUser];
  const circleIds: string[] = [];
  for (let i = 0; i < CIRCLES; i++) {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${slug}/circles`,
      headers: { cookie: owner.cookie },
      payload: {
        name: `Cercle ${i}`,
        kind: 'learning_circle',
        visibility: i % 3 === 0 ? 'private' : 'community',
      },
    });
    circleIds.push(response.json().id);
  }
  // Each person in five circles (the first of them private).
  for (const [p, person] of people.entries()) {
    for (let k = 0; k < 5; k++) {
      const circleId = circleIds[(p * 3 + k * 7) % CIRCLES] as string;
      await db
        .insertInto('circleMembers')
        .values({
          circleId,
          userId: person.id,
          role: 'member',
          status: 'member',
          position: 1000 + p,
          createdAt: now,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }
  await seedSessions(db, circleIds, people);
}

async function seedSessions(db: Kysely<DB>, circleIds: string[], people: TestUser[]) {
  for (let i = 0; i < SESSIONS; i++) {
    const circleId = circleIds[i % CIRCLES] as string;
    // From a year ago to a year ahead, spread evenly.
    const startsAt = new Date(Date.now() + ((i / SESSIONS) * 730 - 365) * day).toISOString();
    const sessionId = randomUUID();
    const at = new Date().toISOString();
    await db
      .insertInto('sessions')
      .values({
        id: sessionId,
        circleId,
        title: `Séance ${i}`,
        description: '',
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + 5400_000).toISOString(),
        timeZone: 'Europe/Paris',
        place: '',
        status: 'scheduled',
        currentItemId: null,
        currentItemStartedAt: null,
        startedAt: null,
        synthesis: '',
        notesMarkdown: '',
        createdBy: null,
        createdAt: at,
        updatedAt: at,
        videoUrl: null,
        cancelledAt: null,
        cancelReason: null,
      })
      .execute();
    const listed = people.slice(i % people.length).slice(0, 8);
    if (listed.length) {
      await db
        .insertInto('sessionParticipants')
        .values(
          listed.map((person, k) => ({
            id: randomUUID(),
            sessionId,
            userId: person.id,
            guestName: null,
            status: k % 4 === 0 ? 'excused' : 'present',
            createdAt: at,
          })),
        )
        .execute();
    }
    const actionId = randomUUID();
    await db
      .insertInto('actions')
      .values({
        id: actionId,
        circleId,
        sessionId,
        title: `Pas ${i}`,
        dueOn: startsAt.slice(0, 10),
        status: i % 3 === 0 ? 'done' : 'todo',
        createdBy: null,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await db
      .insertInto('actionOwners')
      .values({ actionId, position: 0, userId: (people[i % people.length] as TestUser).id, guestName: null })
      .execute();
    if (i % 5 === 0)
      await db
        .insertInto('announcements')
        .values({ id: randomUUID(), sessionId, position: 0, text: `À communiquer ${i}` })
        .execute();
  }
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function measure(t: TestApp, url: string, viewer: TestUser | undefined, count: number) {
  const headers = viewer ? { cookie: viewer.cookie } : {};
  for (let i = 0; i < 10; i++) await t.app.inject({ url, headers }); // warm-up
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await t.app.inject({ url, headers });
    times.push(performance.now() - started);
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

const t = await createTestApp('sqlite');
try {
  const admin = await registerUser(t.app, 'Admin'); // the first account: instance admin
  await seedDemoData(t.database.db);
  const slug = 'riposte-creative-territoriale';
  const people: TestUser[] = [];
  for (let i = 0; i < 40; i++) people.push(await registerUser(t.app, `Personne ${i}`));
  const seeding = performance.now();
  await enlarge(t, slug, people);
  console.log(
    `community home on SQLite: demo + ${CIRCLES} circles, ${SESSIONS} sessions (seeded in ${((performance.now() - seeding) / 1000).toFixed(0)} s)`,
  );
  console.log(`${requests} requests per viewer, one after another (app.inject)`);
  console.log('viewer                   p50 ms  p95 ms');
  const rows: [string, string, TestUser | undefined, number][] = [
    ['home, member (5 circles)', `/api/v1/communities/${slug}/home`, people[1], requests],
    ['home, signed out', `/api/v1/communities/${slug}/home`, undefined, requests],
    ['home, instance admin', `/api/v1/communities/${slug}/home`, admin, requests],
    ['dashboard, 12 months', `/api/v1/communities/${slug}/dashboard`, admin, Math.max(10, requests / 10)],
  ];
  for (const [label, url, viewer, count] of rows) {
    const { p50, p95 } = await measure(t, url, viewer, count);
    console.log(`${label.padEnd(24)} ${p50.toFixed(1).padStart(6)} ${p95.toFixed(1).padStart(7)}`);
  }
} finally {
  await t.close();
}
