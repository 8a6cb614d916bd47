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

/** A real WebSocket client that keeps every message, to wait for the one a test expects. */
class Client {
  readonly messages: LiveServerMessage[] = [];
  readonly socket: WebSocket;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => this.messages.push(JSON.parse(data.toString())));
  }

  static open(url: string, headers: Record<string, string>): Promise<Client> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
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

  close() {
    this.socket.close();
  }
}

describe.each(testDialects())('live transport on %s', (dialect) => {
  let t: TestApp;
  let url: string;
  let facilitator: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let sessionId: string;
  let itemIds: string[];

  const connect = (user: TestUser, origin = TEST_ORIGIN) => Client.open(url, { cookie: user.cookie, origin });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/live`;
    facilitator = await registerUser(t.app);
    member = await registerUser(t.app);
    outsider = await registerUser(t.app);
    const community = await buildCommunity(t.app, facilitator);
    await joinCommunity(t.app, member, community.slug);
    const circle = await buildCircle(t.app, facilitator, community.slug, { visibility: 'private' });
    await addToCircle(t.app, facilitator, circle.id, member);
    sessionId = (await buildSession(t.app, facilitator, circle.id, { title: 'Live' })).id;
    const agenda = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/agenda/template`,
      headers: { cookie: facilitator.cookie },
      payload: { template: 'plain' },
    });
    itemIds = agenda.json().items.map((item: { id: string }) => item.id);
  });
  afterAll(() => t.close());

  const moveTo = (itemId: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/current-item`,
      headers: { cookie: facilitator.cookie },
      payload: { itemId },
    });

  it('refuses visitors and foreign origins at the handshake', async () => {
    await expect(Client.open(url, { origin: TEST_ORIGIN })).rejects.toThrow(/401/);
    await expect(connect(member, 'https://evil.example')).rejects.toThrow(/403/);
  });

  it('delivers what the facilitator does to the members following the session, and nothing to outsiders', async () => {
    const memberClient = await connect(member);
    const outsiderClient = await connect(outsider);
    memberClient.send({ type: 'subscribe', topic: `session:${sessionId}` });
    outsiderClient.send({ type: 'subscribe', topic: `session:${sessionId}` });
    const subscribed = await memberClient.waitFor((m) => m.type === 'subscribed');
    expect(subscribed).toMatchObject({ topic: `session:${sessionId}` });
    const refused = await outsiderClient.waitFor((m) => m.type === 'error');
    expect(refused).toMatchObject({ code: 'NOT_FOUND', topic: `session:${sessionId}` });

    await moveTo(itemIds[1] ?? '');
    const event = await memberClient.waitFor((m) => m.type === 'event');
    expect(event).toMatchObject({
      type: 'event',
      event: { type: 'agenda.item.started', sessionId, itemId: itemIds[1] },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(outsiderClient.messages.filter((m) => m.type === 'event')).toEqual([]);
    memberClient.close();
    outsiderClient.close();
  });

  it('replays what a reconnecting client missed, or tells it to refetch', async () => {
    const first = await connect(member);
    first.send({ type: 'subscribe', topic: `session:${sessionId}` });
    const { seq } = (await first.waitFor((m) => m.type === 'subscribed')) as { seq: number };
    first.close();
    await moveTo(itemIds[2] ?? '');
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/sessions/${sessionId}/checkins/me`,
      headers: { cookie: facilitator.cookie },
      payload: { weather: 'sunny' },
    });

    const again = await connect(member);
    again.send({ type: 'subscribe', topic: `session:${sessionId}`, since: seq });
    await again.waitFor((m) => m.type === 'event' && m.event.type === 'checkin.updated');
    const replayed = again.messages.filter((m) => m.type === 'event');
    expect(replayed.map((m) => (m.type === 'event' ? m.seq : 0))).toEqual([seq + 1, seq + 2]);

    const ahead = await connect(member);
    ahead.send({ type: 'subscribe', topic: `session:${sessionId}`, since: seq + 1000 });
    expect(await ahead.waitFor((m) => m.type === 'resync')).toMatchObject({ seq: seq + 2 });
    again.close();
    ahead.close();
  });

  it('answers malformed frames with an error and keeps the connection', async () => {
    const client = await connect(member);
    client.socket.send('not json');
    client.send({ type: 'subscribe', topic: 'board:../../etc' });
    client.send({ type: 'dance' });
    await client.waitFor((m) => m.type === 'error' && m.message === 'Frames are JSON');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(client.messages.filter((m) => m.type === 'error')).toHaveLength(3);
    client.send({ type: 'subscribe', topic: `session:${sessionId}` });
    await client.waitFor((m) => m.type === 'subscribed');
    client.close();
  });

  it('drops the topic of someone removed from the circle, on the connection they already have open', async () => {
    const client = await connect(member);
    client.send({ type: 'subscribe', topic: `session:${sessionId}` });
    await client.waitFor((m) => m.type === 'subscribed');
    const circleId = (
      await t.app.inject({ url: `/api/v1/sessions/${sessionId}`, headers: { cookie: facilitator.cookie } })
    ).json().circleId;
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/circles/${circleId}/members/${member.id}`,
      headers: { cookie: facilitator.cookie },
    });
    expect(removed.statusCode).toBe(204);
    await client.waitFor((m) => m.type === 'error' && m.code === 'NOT_FOUND');
    const eventsBefore = client.messages.filter((m) => m.type === 'event').length;
    await moveTo(itemIds[0] ?? '');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(client.messages.filter((m) => m.type === 'event')).toHaveLength(eventsBefore);
    client.close();
  });

  it('drops the topics of a community-visible circle when a follower who is not its member leaves the community', async () => {
    const community = await buildCommunity(t.app, facilitator);
    const circle = await buildCircle(t.app, facilitator, community.slug, { visibility: 'community' });
    const session = await buildSession(t.app, facilitator, circle.id, { title: 'Ouverte à la communauté' });
    const neighbour = await registerUser(t.app);
    await joinCommunity(t.app, neighbour, community.slug);
    const client = await connect(neighbour);
    client.send({ type: 'subscribe', topic: `session:${session.id}` });
    await client.waitFor((m) => m.type === 'subscribed');
    const left = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/communities/${community.slug}/members/me`,
      headers: { cookie: neighbour.cookie },
    });
    expect(left.statusCode).toBe(204);
    await client.waitFor(
      (m) => m.type === 'error' && m.code === 'NOT_FOUND' && m.topic === `session:${session.id}`,
    );
    client.close();
  });
});
