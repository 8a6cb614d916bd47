import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
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

describe.each(testDialects())('topics per live connection on %s', (dialect) => {
  let t: TestApp;
  let url: string;
  let facilitator: TestUser;
  let member: TestUser;
  const sessionIds: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/live`;
    facilitator = await registerUser(t.app, 'Florent');
    const community = await buildCommunity(t.app, facilitator);
    const circle = await buildCircle(t.app, facilitator, community.slug, { visibility: 'private' });
    member = await registerUser(t.app, 'Maud');
    await joinCommunity(t.app, member, community.slug);
    await addToCircle(t.app, facilitator, circle.id, member);
    for (let i = 0; i < 55; i++) sessionIds.push((await buildSession(t.app, facilitator, circle.id)).id);
  });
  afterAll(() => t.close());

  it('holds at 50 topics even when the subscribe frames arrive all at once', async () => {
    const socket = new WebSocket(url, { headers: { cookie: facilitator.cookie, origin: TEST_ORIGIN } });
    const messages: { type: string; code?: string }[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    // One burst: every frame is read before the first authorisation query answers.
    for (const id of sessionIds) socket.send(JSON.stringify({ type: 'subscribe', topic: `session:${id}` }));
    const answers = () => messages.filter((m) => m.type === 'subscribed' || m.type === 'error');
    await expect.poll(() => answers().length).toBe(55);
    expect(messages.filter((m) => m.type === 'subscribed')).toHaveLength(50);
    expect(messages.filter((m) => m.code === 'RATE_LIMITED')).toHaveLength(5);
    socket.close();
  });

  it('answers a topic once however often it is asked for, and keeps the cap for new ones', async () => {
    const socket = new WebSocket(url, { headers: { cookie: facilitator.cookie, origin: TEST_ORIGIN } });
    const messages: { type: string; code?: string; topic?: string }[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const subscribe = (id: string | undefined) =>
      socket.send(JSON.stringify({ type: 'subscribe', topic: `session:${id}` }));
    // The same topic twenty times in one burst, while its first authorisation runs.
    for (let i = 0; i < 20; i++) subscribe(sessionIds[0]);
    for (const id of sessionIds.slice(1, 50)) subscribe(id);
    await expect.poll(() => messages.filter((m) => m.type === 'subscribed').length).toBe(50);
    // Asking again for followed topics is free: no answer, and not refused by the cap either. A new
    // topic is refused; the refusal comes after the repeats, which were all read before it.
    for (const id of sessionIds.slice(0, 25)) subscribe(id);
    subscribe(sessionIds[50]);
    await expect.poll(() => messages.some((m) => m.code === 'RATE_LIMITED')).toBe(true);
    expect(messages.filter((m) => m.type === 'error')).toEqual([
      expect.objectContaining({ code: 'RATE_LIMITED', topic: `session:${sessionIds[50]}` }),
    ]);
    expect(messages.filter((m) => m.type === 'subscribed')).toHaveLength(50);
    expect(new Set(messages.flatMap((m) => (m.type === 'subscribed' ? [m.topic] : []))).size).toBe(50);
    socket.close();
  });

  it('does not follow a topic unsubscribed while its authorisation ran', async () => {
    const socket = new WebSocket(url, { headers: { cookie: member.cookie, origin: TEST_ORIGIN } });
    const messages: { type: string; topic?: string }[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
    await new Promise((resolve) => socket.once('open', resolve));
    const topic = (i: number) => `session:${sessionIds[i]}`;
    socket.send(JSON.stringify({ type: 'subscribe', topic: topic(1) }));
    socket.send(JSON.stringify({ type: 'unsubscribe', topic: topic(1) }));
    // Frames are read in order: once the second topic is answered, the first was settled too.
    socket.send(JSON.stringify({ type: 'subscribe', topic: topic(2) }));
    await expect.poll(() => messages.some((m) => m.topic === topic(2))).toBe(true);
    await expect.poll(() => messages.some((m) => m.type === 'presence' && m.topic === topic(2))).toBe(true);
    expect(messages.filter((m) => m.topic === topic(1))).toEqual([]);
    socket.close();
  });

  it('leaves no ghost in the presence count when a socket closes while its subscribe is checked', async () => {
    const topic = `session:${sessionIds[0]}`;
    for (let i = 0; i < 20; i++) {
      const leaver = new WebSocket(url, { headers: { cookie: member.cookie, origin: TEST_ORIGIN } });
      await new Promise((resolve) => leaver.once('open', resolve));
      leaver.send(JSON.stringify({ type: 'subscribe', topic }));
      leaver.terminate();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const watcher = new WebSocket(url, { headers: { cookie: facilitator.cookie, origin: TEST_ORIGIN } });
    const messages: { type: string; count?: number }[] = [];
    watcher.on('message', (data) => messages.push(JSON.parse(data.toString())));
    await new Promise((resolve) => watcher.once('open', resolve));
    watcher.send(JSON.stringify({ type: 'subscribe', topic }));
    await expect.poll(() => messages.find((m) => m.type === 'presence')?.count).toBe(1);
    watcher.close();
  });
});
