import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { LiveServerMessage } from '../../contract/live.ts';
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

/**
 * Deleting sessions, boards, polls and sign-up sheets: only their stewards may (404 for whoever
 * may not see them, 403 for a plain member), they leave every list, and their live topic closes.
 */
describe.each(testDialects())('deleting on %s', (dialect) => {
  let t: TestApp;
  let facilitator: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let circleId: string;

  const call = (user: TestUser, method: string, url: string, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: { cookie: user.cookie },
      ...(payload && { payload }),
    });
  const created = async (url: string, payload: object) => {
    const response = await call(facilitator, 'POST', url, payload);
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    facilitator = await registerUser(t.app, 'Florent');
    member = await registerUser(t.app, 'Julie');
    outsider = await registerUser(t.app, 'Xavier');
    const community = await buildCommunity(t.app, facilitator);
    await joinCommunity(t.app, member, community.slug);
    circleId = (await buildCircle(t.app, facilitator, community.slug, { visibility: 'private' })).id;
    await addToCircle(t.app, facilitator, circleId, member);
  });
  afterAll(() => t.close());

  const kinds: [string, () => Promise<string>, (id: string) => string, string, string][] = [
    [
      'a session',
      async () => (await buildSession(t.app, facilitator, circleId)).id,
      (id) => `/sessions/${id}`,
      'sessions',
      'session',
    ],
    [
      'a board',
      () =>
        created(`/circles/${circleId}/boards`, {
          title: 'Tableau',
          categories: [{ name: 'BLEU', color: 'blue', meaning: 'x' }],
        }),
      (id) => `/boards/${id}`,
      'boards',
      'board',
    ],
    [
      'a poll',
      () =>
        created(`/circles/${circleId}/polls`, {
          title: 'Quel jour ?',
          kind: 'single',
          options: ['lundi', 'mardi'],
        }),
      (id) => `/polls/${id}`,
      'polls',
      'poll',
    ],
    [
      'a sign-up sheet',
      () => created(`/circles/${circleId}/signup-sheets`, { title: 'Qui ?', topics: [{ title: 'REX' }] }),
      (id) => `/signup-sheets/${id}`,
      'signup-sheets',
      'signup-sheet',
    ],
  ];

  it.each(kinds)(
    'deletes %s: 404 for a non-member, 403 for a plain member, gone from lists and live',
    async (_, create, path, list, topicKind) => {
      const id = await create();
      const outsiderTry = await call(outsider, 'DELETE', path(id));
      expect(outsiderTry.statusCode).toBe(404);
      expect(outsiderTry.json().error.code).toBe('NOT_FOUND');
      const memberTry = await call(member, 'DELETE', path(id));
      expect(memberTry.statusCode).toBe(403);
      expect(memberTry.json().error.code).toBe('FORBIDDEN');
      expect((await call(member, 'GET', path(id))).statusCode).toBe(200);

      // The member follows it live: the deletion reaches them, then the topic closes.
      const port = (t.app.server.address() as AddressInfo).port;
      const socket = new WebSocket(`ws://127.0.0.1:${port}/api/v1/live`, {
        headers: { cookie: member.cookie, origin: TEST_ORIGIN },
      });
      const frames: LiveServerMessage[] = [];
      const waitFor = (predicate: (m: LiveServerMessage) => boolean) =>
        new Promise<LiveServerMessage>((resolve) => {
          const found = frames.find(predicate);
          if (found) return resolve(found);
          socket.on('message', (data) => {
            const message: LiveServerMessage = JSON.parse(data.toString());
            if (predicate(message)) resolve(message);
          });
        });
      socket.on('message', (data) => frames.push(JSON.parse(data.toString())));
      await new Promise((resolve) => socket.once('open', resolve));
      const topic = `${topicKind}:${id}`;
      socket.send(JSON.stringify({ type: 'subscribe', topic }));
      await waitFor((m) => m.type === 'subscribed' && m.topic === topic);

      const deleted = await call(facilitator, 'DELETE', path(id));
      expect(deleted.statusCode, deleted.body).toBe(204);
      const closed = await waitFor((m) => m.type === 'error' && m.topic === topic);
      expect(closed).toMatchObject({ code: 'NOT_FOUND' });
      expect(frames.some((m) => m.type === 'event' && m.event.type.endsWith('deleted'))).toBe(true);
      socket.close();

      expect((await call(facilitator, 'GET', path(id))).statusCode).toBe(404);
      expect((await call(facilitator, 'DELETE', path(id))).statusCode).toBe(404);
      const items = (await call(facilitator, 'GET', `/circles/${circleId}/${list}`)).json().items as {
        id: string;
      }[];
      expect(items.map((item) => item.id)).not.toContain(id);
    },
  );
});
