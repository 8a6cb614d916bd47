import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { liveCloseCodes } from '../../contract/live.ts';
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

interface Opened {
  socket: WebSocket;
  messages: { type: string; topic?: string; code?: string; count?: number }[];
  /** Resolves with the close code the server chose. */
  closed: Promise<number>;
}

function open(url: string, cookie: string): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { cookie, origin: TEST_ORIGIN } });
    const messages: Opened['messages'] = [];
    socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
    const closed = new Promise<number>((done) => socket.once('close', (code) => done(code)));
    socket.once('open', () => resolve({ socket, messages, closed }));
    socket.once('error', reject);
  });
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), ms))]);

describe.each(testDialects())('limits of the live transport on %s', (dialect) => {
  let t: TestApp;
  let url: string;
  let facilitator: TestUser;
  let member: TestUser;
  let sessionId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/live`;
    facilitator = await registerUser(t.app, 'Florent');
    member = await registerUser(t.app, 'Maud');
    const community = await buildCommunity(t.app, facilitator);
    await joinCommunity(t.app, member, community.slug);
    const circle = await buildCircle(t.app, facilitator, community.slug, { visibility: 'private' });
    await addToCircle(t.app, facilitator, circle.id, member);
    sessionId = (await buildSession(t.app, facilitator, circle.id)).id;
  });
  afterAll(() => t.close());

  it('closes a socket that floods subscribe frames with 1008, and keeps serving the others', async () => {
    const flooder = await open(url, member.cookie);
    const frame = JSON.stringify({ type: 'subscribe', topic: `session:${sessionId}` });
    for (let i = 0; i < 10_000; i++) flooder.socket.send(frame);
    expect(await within(flooder.closed, 15_000)).toBe(liveCloseCodes.tooManyFrames);
    // One subscription at most came out of 10,000 frames, and it ended with the socket: the next
    // follower is alone on the topic.
    expect(flooder.messages.filter((m) => m.type === 'subscribed').length).toBeLessThanOrEqual(1);
    const other = await open(url, facilitator.cookie);
    other.socket.send(frame);
    await expect.poll(() => other.messages.find((m) => m.type === 'presence')).toMatchObject({ count: 1 });
    other.socket.close();
  });

  it('closes a socket that sends an oversized frame with 1009', async () => {
    const client = await open(url, member.cookie);
    client.socket.send(JSON.stringify({ type: 'subscribe', topic: 'x'.repeat(20_000) }));
    expect(await within(client.closed, 15_000)).toBe(liveCloseCodes.frameTooLarge);
  });

  it('refuses the connection after the 20th of one person with 4429, not those of others', async () => {
    const mine = await Promise.all(Array.from({ length: 20 }, () => open(url, member.cookie)));
    const extra = await open(url, member.cookie);
    expect(await within(extra.closed, 15_000)).toBe(liveCloseCodes.tooManyConnections);
    // The twenty already open still work; someone else still connects.
    const first = mine[0] as Opened;
    first.socket.send(JSON.stringify({ type: 'subscribe', topic: `session:${sessionId}` }));
    await expect.poll(() => first.messages.some((m) => m.type === 'subscribed')).toBe(true);
    const other = await open(url, facilitator.cookie);
    expect(await within(other.closed, 200)).toBe('timeout');
    // A tab closed frees its place.
    first.socket.close();
    await first.closed;
    const again = await open(url, member.cookie);
    again.socket.send(JSON.stringify({ type: 'subscribe', topic: `session:${sessionId}` }));
    await expect.poll(() => again.messages.some((m) => m.type === 'subscribed')).toBe(true);
    for (const { socket } of [...mine, other, again]) socket.close();
  });
});
