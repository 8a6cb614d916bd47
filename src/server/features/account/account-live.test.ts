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
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

describe.each(testDialects())('deleting my account ends my live connections on %s', (dialect) => {
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/live`;
  });
  afterAll(() => t.close());

  it('closes the socket of every device at once', async () => {
    const facilitator = await registerUser(t.app, 'Florent');
    const member = await registerUser(t.app, 'Maud');
    const community = await buildCommunity(t.app, facilitator);
    await joinCommunity(t.app, member, community.slug);
    const circle = await buildCircle(t.app, facilitator, community.slug, { visibility: 'private' });
    await addToCircle(t.app, facilitator, circle.id, member);
    const session = await buildSession(t.app, facilitator, circle.id);
    const socket = new WebSocket(url, { headers: { cookie: member.cookie, origin: TEST_ORIGIN } });
    const messages: string[] = [];
    socket.on('message', (data) => messages.push(data.toString()));
    const closed = new Promise<number>((done) => socket.once('close', (code) => done(code)));
    await new Promise((done) => socket.once('open', done));
    socket.send(JSON.stringify({ type: 'subscribe', topic: `session:${session.id}` }));
    await expect.poll(() => messages.some((m) => m.includes('"subscribed"'))).toBe(true);

    const deleted = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/me',
      headers: { cookie: member.cookie, origin: TEST_ORIGIN },
      payload: { password: 'correct horse battery' },
    });
    expect(deleted.statusCode).toBe(204);
    expect(await closed).toBe(4401);
  });
});
