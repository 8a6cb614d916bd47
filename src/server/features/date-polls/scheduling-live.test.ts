import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { LiveServerMessage } from '../../../contract/live.ts';
import {
  addToCircle,
  buildCircle,
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  TEST_ORIGIN,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

/** Opens a real WebSocket and keeps every message it receives. */
async function openClient(url: string, user: TestUser) {
  const socket = new WebSocket(url, { headers: { cookie: user.cookie, origin: TEST_ORIGIN } });
  const messages: LiveServerMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    send: (message: object) => socket.send(JSON.stringify(message)),
    messages,
    async waitFor(predicate: (message: LiveServerMessage) => boolean) {
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const found = messages.find(predicate);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`no matching message; got ${JSON.stringify(messages)}`);
    },
    close: () => socket.close(),
  };
}

describe.each(testDialects())('live date polls and sign-up sheets on %s', (dialect) => {
  let t: TestApp;
  let url: string;
  let facilitator: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let pollId: string;
  let slotId: string;
  let sheetId: string;
  let topicId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/live`;
    facilitator = await registerUser(t.app);
    member = await registerUser(t.app);
    outsider = await registerUser(t.app);
    const community = await buildCommunity(t.app, facilitator);
    await joinCommunity(t.app, member, community.slug);
    await joinCommunity(t.app, outsider, community.slug);
    const circle = await buildCircle(t.app, facilitator, community.slug, { visibility: 'private' });
    await addToCircle(t.app, facilitator, circle.id, member);
    const headers = { cookie: facilitator.cookie };
    const poll = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circle.id}/date-polls`,
      headers,
      payload: {
        title: 'Live',
        slots: [{ startsAt: '2027-01-05T11:00:00Z', endsAt: '2027-01-05T12:00:00Z' }],
      },
    });
    pollId = poll.json().id;
    slotId = poll.json().slots[0].id;
    const sheet = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circle.id}/signup-sheets`,
      headers,
      payload: { title: 'Live', topics: [{ title: 'A', capacity: 1 }] },
    });
    sheetId = sheet.json().id;
    topicId = sheet.json().topics[0].id;
  });
  afterAll(() => t.close());

  it('tells the circle’s members what changes on a poll or a sheet, and nothing to outsiders', async () => {
    const watcher = await openClient(url, member);
    const intruder = await openClient(url, outsider);
    for (const topic of [`date-poll:${pollId}`, `signup-sheet:${sheetId}`]) {
      watcher.send({ type: 'subscribe', topic });
      intruder.send({ type: 'subscribe', topic });
      await watcher.waitFor((m) => m.type === 'subscribed' && m.topic === topic);
      await intruder.waitFor((m) => m.type === 'error' && m.code === 'NOT_FOUND' && m.topic === topic);
    }
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/date-polls/${pollId}/answers/me`,
      headers: { cookie: facilitator.cookie },
      payload: { answers: [{ slotId, value: 'yes' }] },
    });
    await watcher.waitFor((m) => m.type === 'event' && m.event.type === 'date-poll.answered');
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/signup-topics/${topicId}/entries`,
      headers: { cookie: facilitator.cookie },
    });
    await watcher.waitFor(
      (m) => m.type === 'event' && m.event.type === 'signup.updated' && m.event.topicId === topicId,
    );
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/date-polls/${pollId}/close`,
      headers: { cookie: facilitator.cookie },
      payload: { slotId },
    });
    const event = await watcher.waitFor((m) => m.type === 'event' && m.event.type === 'date-poll.closed');
    expect(event).toMatchObject({ event: { pollId, sessionId: closed.json().session.id } });
    expect(intruder.messages.filter((m) => m.type === 'event')).toEqual([]);
    watcher.close();
    intruder.close();
  });
});
