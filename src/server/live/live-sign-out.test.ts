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

/** Opens a live socket; resolves with it and a promise of its close code. */
function open(url: string, cookie: string) {
  return new Promise<{ socket: WebSocket; closed: Promise<number>; messages: string[] }>(
    (resolve, reject) => {
      const socket = new WebSocket(url, { headers: { cookie, origin: TEST_ORIGIN } });
      const messages: string[] = [];
      socket.on('message', (data) => messages.push(data.toString()));
      const closed = new Promise<number>((done) => socket.once('close', (code) => done(code)));
      socket.once('open', () => resolve({ socket, closed, messages }));
      socket.once('error', reject);
    },
  );
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), ms))]);

describe.each(testDialects())('signing out ends the live connections on %s', (dialect) => {
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
    sessionId = (await buildSession(t.app, facilitator, circle.id, { title: 'Privée' })).id;
  });
  afterAll(() => t.close());

  it('closes the socket opened with a session that signed out (it could follow new topics)', async () => {
    const live = await open(url, member.cookie);
    const other = await open(url, facilitator.cookie);
    live.socket.send(JSON.stringify({ type: 'subscribe', topic: `session:${sessionId}` }));
    await expect.poll(() => live.messages.some((m) => m.includes('"subscribed"'))).toBe(true);

    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: member.cookie, origin: TEST_ORIGIN },
    });
    expect(out.statusCode).toBe(204);
    expect(await within(live.closed, 3000)).toBe(4401);
    // Someone else's connection is untouched.
    other.socket.send(JSON.stringify({ type: 'subscribe', topic: `session:${sessionId}` }));
    await expect.poll(() => other.messages.some((m) => m.includes('"subscribed"'))).toBe(true);
    other.socket.close();
  });

  it('closes the sockets of someone whose password was reset (their sessions were revoked)', async () => {
    const stolen = await registerUser(t.app, 'Hélène');
    const live = await open(url, stolen.cookie);
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: stolen.email },
    });
    expect(asked.statusCode).toBe(202);
    const token = t.lastMailTo(stolen.email).text.match(/reset-password\?token=([^\s&]+)/)?.[1] ?? '';
    expect(token).not.toBe('');
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'a brand new password' },
    });
    expect(confirm.statusCode).toBe(204);
    expect(await within(live.closed, 3000)).toBe(4401);
  });

  it('closes the sockets of an account whose first sign-in link removed its older sessions', async () => {
    // The address was never proven: the link's owner inherits no session opened before it.
    const claimed = await registerUser(t.app, 'Agathe');
    const live = await open(url, claimed.cookie);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/magic-link',
      payload: { email: claimed.email },
    });
    const token = new URL(
      /https?:\/\/\S+/.exec(t.lastMailTo(claimed.email).text)?.[0] ?? '',
    ).searchParams.get('token');
    const verify = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/magic-link/verify',
      headers: { origin: TEST_ORIGIN },
      payload: { token },
    });
    expect(verify.statusCode).toBe(200);
    expect(await within(live.closed, 3000)).toBe(4401);
    // The old cookie no longer opens anything.
    const again = new WebSocket(url, { headers: { cookie: claimed.cookie, origin: TEST_ORIGIN } });
    const refused = new Promise((done) =>
      again.once('unexpected-response', (_request, res) => done(res.statusCode)),
    );
    expect(await within(refused, 3000)).toBe(401);
  });
});
