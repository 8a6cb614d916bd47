import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLiveClient } from '../../testing/live-client.ts';
import {
  addToCircle,
  buildCircle,
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

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
    const watcher = await openLiveClient(url, member);
    const intruder = await openLiveClient(url, outsider);
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
