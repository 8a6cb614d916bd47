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
import { type SearchBounds, searchAccounts } from './admin-users.queries.ts';

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

  const search = async (q: string) => {
    const response = await t.app.inject({
      url: `/api/v1/admin/users?${new URLSearchParams({ q, limit: '100' })}`,
      headers: { cookie: admin.cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items.map((item: { name: string }) => item.name);
  };

  it('searches case and accents aside, in addresses too, and a short part at the start', async () => {
    for (const name of ['Éloïse Brunât', 'ELOISE Marchal', 'Alonzo Brun', 'Zorro de la Vega'])
      await registerUser(t.app, name);
    // A rare part, however it is typed.
    expect(await search('eloise')).toEqual(['ELOISE Marchal', 'Éloïse Brunât']);
    expect(await search('ÉLOÏSE')).toEqual(['ELOISE Marchal', 'Éloïse Brunât']);
    expect(await search('bru\u0002n')).toEqual(['Alonzo Brun', 'Éloïse Brunât']);
    expect(await search('onz')).toEqual(['Alonzo Brun']);
    // A common part: every test address is at example.org.
    const everyone = await search('@EXAMPLE.org');
    expect(everyone).toEqual(expect.arrayContaining(['Alonzo Brun', 'Alice Admin', 'Zoé Quintal']));
    expect(everyone).toEqual([...everyone].sort());
    // One or two characters: the start of a name or an address, not anywhere in it.
    // By name, as the list is (code points: "Zor" before "Zoé").
    expect(await search('zo')).toEqual(['Zorro de la Vega', 'Zoé Quintal']);
    expect(await search('É')).toEqual(['ELOISE Marchal', 'Éloïse Brunât']);
    expect(await search('us')).toEqual(expect.arrayContaining(['Alonzo Brun', 'Alice Admin']));
    // Wildcards and quotes are text; control characters are dropped.
    expect(await search('%')).toEqual([]);
    expect(await search('o"z')).toEqual([]);
    expect(await search('bru\u0002n'.replace('\\u0002', '\u0002'))).toEqual(['Alonzo Brun', 'Éloïse Brunât']);
  });

  it('gives the same pages whichever way it reads the matches (sorted, walked, walked then sorted)', async () => {
    for (let i = 0; i < 12; i++)
      await registerUser(t.app, `${i % 2 ? 'Yann' : 'Anne'} Walker ${String(i).padStart(2, '0')}`);
    const pages = async (q: string, bounds?: SearchBounds) => {
      const names: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await searchAccounts(t.database, { q }, { limit: 4, scope: `:${q}`, cursor }, bounds);
        names.push(page.items.map((item) => item.name));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return names;
    };
    for (const q of ['walker', 'yann', 'an', 'wal']) {
      const sorted = await pages(q);
      // Walked: more than one match counts as many; 30 accounts walked find each page.
      expect(await pages(q, { sortedMatches: 1, walkedAccounts: 30 })).toEqual(sorted);
      // Walked then sorted: three accounts walked hold no page of four.
      expect(await pages(q, { sortedMatches: 1, walkedAccounts: 3 })).toEqual(sorted);
    }
    expect((await pages('yann')).flat()).toEqual([
      'Yann Walker 01',
      'Yann Walker 03',
      'Yann Walker 05',
      'Yann Walker 07',
      'Yann Walker 09',
      'Yann Walker 11',
    ]);
  });

  it('keeps its index when a name or an address changes and when an account goes', async () => {
    const { db } = t.database;
    const now = new Date().toISOString();
    const id = 'search-index-person';
    await db
      .insertInto('users')
      .values({
        ...{ id, name: 'Prosper Kernevez', email: 'prosper@example.net', emailVerified: false },
        ...{ image: null, organisation: null, territory: null, bio: null, createdAt: now, updatedAt: now },
      })
      .execute();
    expect(await search('kernev')).toEqual(['Prosper Kernevez']);
    await db
      .updateTable('users')
      .set({ name: 'Prosper Le Goff', email: 'prosper@kerlaz.test' })
      .where('id', '=', id)
      .execute();
    expect(await search('kernev')).toEqual([]);
    expect(await search('le goff')).toEqual(['Prosper Le Goff']);
    expect(await search('kerlaz')).toEqual(['Prosper Le Goff']);
    await db.updateTable('users').set({ updatedAt: new Date().toISOString() }).where('id', '=', id).execute();
    expect(await search('goff')).toEqual(['Prosper Le Goff']);
    await db.deleteFrom('users').where('id', '=', id).execute();
    expect(await search('prosper')).toEqual([]);
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
