import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { LiveServerMessage } from '../../contract/live.ts';
import { buildApp } from '../app.ts';
import { parseEnv } from '../env.ts';
import { createMailer } from '../mail/mailer.ts';
import {
  addToCircle,
  buildCircle,
  buildCommunity,
  buildSession,
  createTestApp,
  joinCommunity,
  registerUser,
  TEST_ORIGIN,
  type TestApp,
  type TestUser,
} from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';
import { dropRedisPrefix, reachableTestRedis, testRedisPrefix } from '../testing/test-redis.ts';

const redisUrl = await reachableTestRedis();

/** A live socket that keeps what it receives. */
async function follow(url: string, user: TestUser, topics: string[]) {
  const socket = new WebSocket(url, { headers: { cookie: user.cookie, origin: TEST_ORIGIN } });
  const messages: LiveServerMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  for (const topic of topics) socket.send(JSON.stringify({ type: 'subscribe', topic }));
  const subscribed = () => messages.filter((m) => m.type === 'subscribed').length;
  await expect.poll(subscribed).toBe(topics.length);
  const closed = (topic: string) => messages.some((m) => m.type === 'error' && m.topic === topic);
  const events = (topic: string) => messages.filter((m) => m.type === 'event' && m.topic === topic);
  return { socket, messages, closed, events };
}

/**
 * Who follows where: with Redis, the circle is made private through instance A while the
 * followers are connected to instance B (same database, one Redis).
 */
const setups = testDialects().flatMap((dialect) => [
  { name: `${dialect}, one instance`, dialect, redis: undefined },
  ...(redisUrl ? [{ name: `${dialect}, two instances through Redis`, dialect, redis: redisUrl }] : []),
]);

describe.each(setups)('live topics of a circle made more private ($name)', ({ dialect, redis }) => {
  const prefix = testRedisPrefix();
  let a: TestApp;
  let b: TestApp['app'];
  let url: string;
  let facilitator: TestUser;
  let member: TestUser;
  let neighbour: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    const shared: Record<string, string> = redis ? { REDIS_URL: redis, REDIS_KEY_PREFIX: prefix } : {};
    a = await createTestApp(dialect, shared);
    b = a.app;
    if (redis) {
      const env = parseEnv({
        PUBLIC_URL: TEST_ORIGIN,
        AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
        ...shared,
      });
      const mailer = createMailer({ from: env.MAIL_FROM, db: a.database.db, log: () => {} });
      b = await buildApp({ database: a.database, env, mailer, version: 'test', webRoot: '/nonexistent' });
    }
    await b.listen({ port: 0, host: '127.0.0.1' });
    url = `ws://127.0.0.1:${(b.server.address() as AddressInfo).port}/api/v1/live`;
    facilitator = await registerUser(a.app, 'Florent');
    member = await registerUser(a.app, 'Maud');
    neighbour = await registerUser(a.app, 'Nour');
    outsider = await registerUser(a.app, 'Octave');
  });
  afterAll(async () => {
    if (b !== a.app) await b.close();
    await a.close();
    if (redis) await dropRedisPrefix(redis, prefix);
  });

  const call = (user: TestUser, method: 'POST' | 'PATCH' | 'PUT', path: string, payload: object) =>
    a.app.inject({ method, url: `/api/v1${path}`, headers: { cookie: user.cookie }, payload });

  /** A circle with one of each kind of topic a non-member may follow. */
  async function circleWithTopics(visibility: 'public' | 'community') {
    const community = await buildCommunity(a.app, facilitator);
    await joinCommunity(a.app, member, community.slug);
    await joinCommunity(a.app, neighbour, community.slug);
    const circle = await buildCircle(a.app, facilitator, community.slug, { visibility });
    await addToCircle(a.app, facilitator, circle.id, member);
    const session = await buildSession(a.app, facilitator, circle.id);
    const created = await Promise.all([
      call(facilitator, 'POST', `/circles/${circle.id}/polls`, {
        title: 'Quel mot ?',
        kind: 'single',
        options: ['Oui', 'Non'],
      }),
      call(facilitator, 'POST', `/circles/${circle.id}/date-polls`, {
        title: 'Prochaine séance',
        timeZone: 'Europe/Paris',
        slots: [{ startsAt: '2026-12-08T11:00:00+01:00', endsAt: '2026-12-08T12:30:00+01:00' }],
      }),
      call(facilitator, 'POST', `/circles/${circle.id}/signup-sheets`, {
        title: 'Qui veut y travailler ?',
        topics: [{ title: 'REX' }],
      }),
    ]);
    for (const response of created) expect(response.statusCode).toBe(201);
    const [poll, datePoll, sheet] = created.map((response) => response.json().id as string);
    const topics = [
      `session:${session.id}`,
      `poll:${poll}`,
      `date-poll:${datePoll}`,
      `signup-sheet:${sheet}`,
    ];
    return { circleId: circle.id, sessionId: session.id, topics };
  }

  it('closes them for a community member outside the circle when it becomes private', async () => {
    const { circleId, sessionId, topics } = await circleWithTopics('community');
    const inside = await follow(url, member, topics);
    const beside = await follow(url, neighbour, topics);

    const patched = await call(facilitator, 'PATCH', `/circles/${circleId}`, { visibility: 'private' });
    expect(patched.statusCode).toBe(200);
    await expect.poll(() => topics.filter(beside.closed)).toEqual(topics);

    // The member keeps following: the next event reaches them, not the neighbour.
    const checkin = await call(member, 'PUT', `/sessions/${sessionId}/checkins/me`, { weather: 'sunny' });
    expect(checkin.statusCode).toBe(200);
    await expect.poll(() => inside.events(`session:${sessionId}`).length).toBe(1);
    expect(beside.events(`session:${sessionId}`)).toEqual([]);
    expect(topics.filter(inside.closed)).toEqual([]);
    // Asking again is refused like any hidden topic.
    beside.socket.send(JSON.stringify({ type: 'subscribe', topic: `session:${sessionId}` }));
    await expect.poll(() => beside.messages.filter((m) => m.type === 'error').length).toBe(topics.length + 1);
    inside.socket.close();
    beside.socket.close();
  });

  it('closes them for someone outside the community when a public circle becomes community-only', async () => {
    const { circleId, topics } = await circleWithTopics('public');
    const stranger = await follow(url, outsider, topics);
    const beside = await follow(url, neighbour, topics);

    const patched = await call(facilitator, 'PATCH', `/circles/${circleId}`, { visibility: 'community' });
    expect(patched.statusCode).toBe(200);
    await expect.poll(() => topics.filter(stranger.closed)).toEqual(topics);
    // The community member may still see it: nothing of theirs closed, by the time the stranger's did.
    expect(topics.filter(beside.closed)).toEqual([]);
    stranger.socket.close();
    beside.socket.close();
  });
});
