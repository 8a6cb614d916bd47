import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { LiveServerMessage } from '../../contract/live.ts';
import {
  type ArchipelProcess,
  callArchipel,
  startArchipel,
  stopArchipel,
} from '../testing/archipel-process.ts';
import { createThrowawayPostgres, testPostgresAdminUrl } from '../testing/test-postgres.ts';
import { dropRedisPrefix, reachableTestRedis, testRedisPrefix } from '../testing/test-redis.ts';

/**
 * Two real Archipel processes (`archipel serve`) on one PostgreSQL database and one Redis: what is
 * done through one reaches the WebSocket clients of the other, with one numbering per topic.
 */
const adminUrl = testPostgresAdminUrl('two Archipel processes on PostgreSQL + Redis');
const redisUrl = await reachableTestRedis();

type Instance = ArchipelProcess;
const api = callArchipel;

class Client {
  readonly messages: LiveServerMessage[] = [];
  readonly socket: WebSocket;
  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => this.messages.push(JSON.parse(data.toString())));
  }
  static open(instance: Instance, cookie: string): Promise<Client> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${instance.port}/api/v1/live`, {
        headers: { cookie, origin: instance.base },
      });
      socket.once('open', () => resolve(new Client(socket)));
      socket.once('error', reject);
    });
  }
  send(message: object) {
    this.socket.send(JSON.stringify(message));
  }
  async waitFor(predicate: (message: LiveServerMessage) => boolean, ms = 15_000): Promise<LiveServerMessage> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const found = this.messages.find(predicate);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no matching message; got ${JSON.stringify(this.messages)}`);
  }
  events() {
    return this.messages.flatMap((m) => (m.type === 'event' ? [m] : []));
  }
}

describe.skipIf(!adminUrl || !redisUrl)('two Archipel processes on PostgreSQL and Redis', () => {
  const prefix = testRedisPrefix();
  let database: Awaited<ReturnType<typeof createThrowawayPostgres>> | undefined;
  let a: Instance;
  let b: Instance;
  let facilitator: string;
  let member: { id: string; cookie: string };
  let circleId: string;
  let sessionId: string;
  let itemIds: string[];
  const topic = () => `session:${sessionId}`;

  beforeAll(async () => {
    database = await createThrowawayPostgres(adminUrl ?? '', 'archipel_instances');
    const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl ?? '', REDIS_KEY_PREFIX: prefix };
    a = await startArchipel(env);
    b = await startArchipel(env);

    facilitator = (
      await api(a.base, '', 'POST', '/api/v1/auth/register', {
        email: 'facilitator@example.org',
        password: 'long enough password',
        name: 'Facilitatrice',
      })
    ).cookie;
    const registered = await api(b.base, '', 'POST', '/api/v1/auth/register', {
      email: 'member@example.org',
      password: 'long enough password',
      name: 'Membre',
    });
    member = { id: registered.json.user.id, cookie: registered.cookie };
    await api(a.base, facilitator, 'POST', '/api/v1/communities', {
      name: 'Deux instances',
      slug: 'deux-instances',
      joinPolicy: 'open',
    });
    await api(b.base, member.cookie, 'POST', '/api/v1/communities/deux-instances/members');
    circleId = (
      await api(a.base, facilitator, 'POST', '/api/v1/communities/deux-instances/circles', {
        name: 'Cercle réparti',
        kind: 'learning_circle',
        visibility: 'private',
      })
    ).json.id;
    await api(a.base, facilitator, 'POST', `/api/v1/circles/${circleId}/members`, { userId: member.id });
    sessionId = (
      await api(a.base, facilitator, 'POST', `/api/v1/circles/${circleId}/sessions`, {
        title: 'Réunion',
        startsAt: '2026-12-01T09:00:00Z',
        endsAt: '2026-12-01T10:00:00Z',
      })
    ).json.id;
    const agenda = await api(a.base, facilitator, 'POST', `/api/v1/sessions/${sessionId}/agenda/template`, {
      template: 'plain',
    });
    itemIds = agenda.json.items.map((item: { id: string }) => item.id);
  }, 90_000);

  afterAll(async () => {
    for (const instance of [a, b]) {
      if (!instance) continue;
      await stopArchipel(instance);
    }
    await database?.drop();
    if (redisUrl) await dropRedisPrefix(redisUrl, prefix);
  }, 30_000);

  const moveTo = (instance: Instance, itemId: string) =>
    api(instance.base, facilitator, 'POST', `/api/v1/sessions/${sessionId}/current-item`, { itemId });

  it('delivers what is done through A to the clients of B, and counts the people on both', async () => {
    const onB = await Client.open(b, member.cookie);
    const onA = await Client.open(a, facilitator);
    onB.send({ type: 'subscribe', topic: topic() });
    onA.send({ type: 'subscribe', topic: topic() });
    await onB.waitFor((m) => m.type === 'subscribed');
    await onA.waitFor((m) => m.type === 'subscribed');

    await moveTo(a, itemIds[1] ?? '');
    const event = await onB.waitFor((m) => m.type === 'event');
    expect(event).toMatchObject({ event: { type: 'agenda.item.started', sessionId, itemId: itemIds[1] } });
    // Same number on both instances: one numbering per topic.
    expect(await onA.waitFor((m) => m.type === 'event')).toEqual(event);

    // One person on each instance.
    await onB.waitFor((m) => m.type === 'presence' && m.count === 2);
    await onA.waitFor((m) => m.type === 'presence' && m.count === 2);
    onA.socket.close();
    await onB.waitFor((m) => m.type === 'presence' && m.count === 1);
    onB.socket.close();
  });

  it('replays exactly the missed events to a client reconnecting to the other instance', async () => {
    const first = await Client.open(b, member.cookie);
    first.send({ type: 'subscribe', topic: topic() });
    const { seq } = (await first.waitFor((m) => m.type === 'subscribed')) as { seq: number };
    first.socket.close();

    await moveTo(b, itemIds[2] ?? '');
    await api(a.base, facilitator, 'PUT', `/api/v1/sessions/${sessionId}/checkins/me`, { weather: 'sunny' });

    const again = await Client.open(a, member.cookie);
    again.send({ type: 'subscribe', topic: topic(), since: seq });
    await again.waitFor((m) => m.type === 'event' && m.event.type === 'checkin.updated');
    expect(again.messages[0]).toEqual({ type: 'subscribed', topic: topic(), seq: seq + 2 });
    expect(again.events().map((m) => [m.seq, m.event.type])).toEqual([
      [seq + 1, 'agenda.item.started'],
      [seq + 2, 'checkin.updated'],
    ]);
    again.socket.close();
  });

  it('brings a post-it created through A and its dots to a client of B, which reads it from B', async () => {
    const board = await api(a.base, facilitator, 'POST', `/api/v1/circles/${circleId}/boards`, {
      title: 'Cercle des cercles',
      categories: [{ name: 'BLEU', color: 'blue', meaning: 'prochains pas' }],
      dotsPerParticipant: 3,
    });
    const boardId: string = board.json.id;
    const onB = await Client.open(b, member.cookie);
    onB.send({ type: 'subscribe', topic: `board:${boardId}` });
    await onB.waitFor((m) => m.type === 'subscribed');

    const note = await api(a.base, facilitator, 'POST', `/api/v1/boards/${boardId}/notes`, {
      text: 'Proposer un forum ouvert aux participants de l’Université',
      categoryId: board.json.categories[0].id,
    });
    const created = await onB.waitFor((m) => m.type === 'event' && m.event.type === 'board.note.created');
    expect(created).toMatchObject({ event: { boardId, noteId: note.json.id } });
    // What B serves is what A wrote.
    const seenFromB = await api(b.base, member.cookie, 'GET', `/api/v1/boards/${boardId}`);
    expect(seenFromB.json.notes.map((n: { text: string }) => n.text)).toEqual([
      'Proposer un forum ouvert aux participants de l’Université',
    ]);

    await api(a.base, facilitator, 'PUT', `/api/v1/notes/${note.json.id}/dots/me`, { count: 2 });
    await onB.waitFor((m) => m.type === 'event' && m.event.type === 'board.dots.updated');
    onB.socket.close();
  });

  it('closes the topic of a member removed through A on the connection they hold on B', async () => {
    const onB = await Client.open(b, member.cookie);
    onB.send({ type: 'subscribe', topic: topic() });
    await onB.waitFor((m) => m.type === 'subscribed');
    await api(a.base, facilitator, 'DELETE', `/api/v1/circles/${circleId}/members/${member.id}`);
    await onB.waitFor((m) => m.type === 'error' && m.code === 'NOT_FOUND');
    const before = onB.events().length;
    await moveTo(a, itemIds[0] ?? '');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(onB.events()).toHaveLength(before);
    onB.socket.close();
  });
});
