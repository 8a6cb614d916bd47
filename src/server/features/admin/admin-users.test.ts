import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  createTestApp,
  registerUser,
  TEST_ORIGIN,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

/** Opens a live socket; resolves with a promise of its close code. */
function openSocket(url: string, cookie: string) {
  return new Promise<{ closed: Promise<number> }>((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { cookie, origin: TEST_ORIGIN } });
    const closed = new Promise<number>((done) => socket.once('close', (code) => done(code)));
    socket.once('open', () => resolve({ closed }));
    socket.once('error', reject);
  });
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), ms))]);

const linkIn = (text: string) => new URL(/https?:\/\/\S+/.exec(text)?.[0] ?? 'http://missing');

describe.each(testDialects())('an admin manages accounts on %s', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let liveUrl: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    liveUrl = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/live`;
    admin = await registerUser(t.app, 'Alice Admin');
  });
  afterAll(() => t?.close());

  const send = (method: 'PATCH' | 'POST', url: string, payload?: object, who: TestUser = admin) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: who.cookie, origin: TEST_ORIGIN },
      ...(payload && { payload }),
    });
  const login = (email: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'correct horse battery' },
    });
  const isSignedIn = async (cookie: string) =>
    (await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode === 200;
  const entries = (subjectId: string) =>
    t.database.db
      .selectFrom('auditEvents')
      .select(['kind', 'actorId', 'subjectKind', 'subjectId'])
      .where('subjectId', '=', subjectId)
      .orderBy('at')
      .execute();

  it('finds people by part of their name or address, a page at a time', async () => {
    const names = ['Zoé Quintal', 'Zacharie Quintal', 'Zelda Quintal'];
    for (const name of names) await registerUser(t.app, name);
    const first = await t.app.inject({
      url: '/api/v1/admin/users?q=quintal&limit=2',
      headers: { cookie: admin.cookie },
    });
    expect(first.statusCode).toBe(200);
    const { items, nextCursor } = first.json();
    expect(items.map((item: { name: string }) => item.name)).toEqual(['Zacharie Quintal', 'Zelda Quintal']);
    expect(items[0]).toMatchObject({ isAdmin: false, disabled: false, isPlaceholder: false });
    const second = await t.app.inject({
      url: `/api/v1/admin/users?q=quintal&limit=2&cursor=${nextCursor}`,
      headers: { cookie: admin.cookie },
    });
    expect(second.json()).toMatchObject({ items: [{ name: 'Zoé Quintal' }], nextCursor: null });
    // A cursor of one search is refused under another.
    const other = await t.app.inject({
      url: `/api/v1/admin/users?q=zo&cursor=${nextCursor}`,
      headers: { cookie: admin.cookie },
    });
    expect(other.statusCode).toBe(400);
    const byAddress = await t.app.inject({
      url: `/api/v1/admin/users?q=${encodeURIComponent(admin.email.toUpperCase())}`,
      headers: { cookie: admin.cookie },
    });
    expect(byAddress.json().items).toEqual([expect.objectContaining({ id: admin.id, isAdmin: true })]);
  });

  it('disables an account: its sessions and sockets end, and it cannot sign in by any means', async () => {
    const person = await registerUser(t.app, 'Dominique');
    // A proven address: using a first sign-in link would otherwise drop the password (auth.ts).
    await t.database.db
      .updateTable('users')
      .set({ emailVerified: true })
      .where('id', '=', person.id)
      .execute();
    const socket = await openSocket(liveUrl, person.cookie);
    // A sign-in link asked before the account was disabled.
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/magic-link', payload: { email: person.email } });
    const earlyToken = linkIn(t.lastMailTo(person.email).text).searchParams.get('token') ?? '';

    const disabled = await send('PATCH', `/api/v1/admin/users/${person.id}`, { disabled: true });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ id: person.id, disabled: true });
    expect(await within(socket.closed, 3000)).toBe(4401);
    expect(await isSignedIn(person.cookie)).toBe(false);

    expect((await login(person.email)).statusCode).toBe(401);
    const used = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/magic-link/verify',
      payload: { token: earlyToken },
    });
    expect(used.statusCode).toBe(400);
    // No new link is sent to a disabled account.
    const mailsBefore = await t.database.db.selectFrom('outboxMessages').select('id').execute();
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/magic-link', payload: { email: person.email } });
    const mailsAfter = await t.database.db.selectFrom('outboxMessages').select('id').execute();
    expect(mailsAfter.length).toBe(mailsBefore.length);

    const failed = await t.database.db
      .selectFrom('auditEvents')
      .select(['actorId', 'detail'])
      .where('kind', '=', 'auth.sign-in-failed')
      .where('actorId', '=', person.id)
      .execute();
    expect(failed).toContainEqual({ actorId: person.id, detail: 'password, account disabled' });

    // Enabled again, the person signs in.
    const enabled = await send('PATCH', `/api/v1/admin/users/${person.id}`, { disabled: false });
    expect(enabled.json()).toMatchObject({ disabled: false });
    expect((await login(person.email)).statusCode).toBe(200);
    expect(await entries(person.id)).toEqual([
      { kind: 'admin.user-disable', actorId: admin.id, subjectKind: 'user', subjectId: person.id },
      { kind: 'admin.user-enable', actorId: admin.id, subjectKind: 'user', subjectId: person.id },
    ]);
  });

  it('grants and revokes admin, never the last admin, and an admin cannot disable themselves', async () => {
    const self = await send('PATCH', `/api/v1/admin/users/${admin.id}`, { disabled: true });
    expect(self.statusCode).toBe(409);
    const last = await send('PATCH', `/api/v1/admin/users/${admin.id}`, { admin: false });
    expect(last.statusCode).toBe(409);
    expect(last.json().error.details).toEqual([{ path: ['body', 'admin'], message: 'last admin' }]);

    const second = await registerUser(t.app, 'Bérénice');
    expect((await send('PATCH', `/api/v1/admin/users/${second.id}`, { admin: true })).json()).toMatchObject({
      isAdmin: true,
    });
    // The new admin is one at once (no stale session cache on this instance).
    const seen = await t.app.inject({ url: '/api/v1/admin/settings', headers: { cookie: second.cookie } });
    expect(seen.statusCode).toBe(200);
    // Two admins revoking each other at once leave one.
    const [a, b] = await Promise.all([
      send('PATCH', `/api/v1/admin/users/${second.id}`, { admin: false }),
      send('PATCH', `/api/v1/admin/users/${admin.id}`, { admin: false }, second),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const admins = await t.database.db.selectFrom('users').select('id').where('isAdmin', '=', true).execute();
    expect(admins).toHaveLength(1);
    // Restore: whoever is left makes Alice admin again if needed.
    if (b.statusCode === 200) {
      await send('PATCH', `/api/v1/admin/users/${admin.id}`, { admin: true }, second);
    }
    const kinds = (await entries(second.id)).map((entry) => entry.kind);
    expect(kinds).toContain('admin.user-grant-admin');
    expect((await send('PATCH', `/api/v1/admin/users/${second.id}`, {})).statusCode).toBe(400);
    expect((await send('PATCH', '/api/v1/admin/users/nobody', { disabled: true })).statusCode).toBe(404);
  });

  it('signs someone out everywhere', async () => {
    const person = await registerUser(t.app, 'Églantine');
    const again = await login(person.email);
    const otherCookie = (again.headers['set-cookie'] as string[] | string).toString().split(';')[0] ?? '';
    const socket = await openSocket(liveUrl, person.cookie);
    const out = await send('POST', `/api/v1/admin/users/${person.id}/sign-out`);
    expect(out.statusCode).toBe(204);
    expect(await within(socket.closed, 3000)).toBe(4401);
    expect(await isSignedIn(person.cookie)).toBe(false);
    expect(await isSignedIn(otherCookie)).toBe(false);
    // They may sign in again.
    expect((await login(person.email)).statusCode).toBe(200);
    expect(await entries(person.id)).toEqual([
      { kind: 'admin.user-sign-out', actorId: admin.id, subjectKind: 'user', subjectId: person.id },
    ]);
  });

  it('lets a person sign themselves out everywhere, recorded in the log', async () => {
    const person = await registerUser(t.app, 'Fanny');
    const other = await login(person.email);
    const otherCookie = (other.headers['set-cookie'] as string[] | string).toString().split(';')[0] ?? '';
    const socket = await openSocket(liveUrl, otherCookie);
    const out = await send('POST', '/api/v1/auth/sign-out-everywhere', undefined, person);
    expect(out.statusCode).toBe(204);
    expect(await within(socket.closed, 3000)).toBe(4401);
    expect(await isSignedIn(person.cookie)).toBe(false);
    expect(await isSignedIn(otherCookie)).toBe(false);
    expect(await entries(person.id)).toEqual([
      { kind: 'auth.sign-out-everywhere', actorId: person.id, subjectKind: 'user', subjectId: person.id },
    ]);
  });
});
