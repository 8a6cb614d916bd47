import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guestCodeAlphabet } from '../../../contract/guest.ts';
import { guestRoutes, signInRoutes } from '../../http/guest-fence.ts';
import { LIVE_FRAME_LIMIT_MS, listenLive, openLiveClient } from '../../testing/live-client.ts';
import { openNotes, until } from '../../testing/notes-editor.ts';
import {
  addToCircle,
  buildCircle,
  buildCommunity,
  buildSession,
  cookieOf,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

type OpenApi = { paths: Record<string, Record<string, unknown>> };

/**
 * Guests by a code (decision 051): a facilitator opens a session; a guest without an account takes
 * part in it (check-in, post-its, dots, votes) and reaches nothing else; the code expires and is
 * revoked on time; a guest who registers claims what they wrote.
 */
describe.each(testDialects())('guests by a code on %s', (dialect) => {
  let t: TestApp;
  let liveUrl: string;
  let facilitator: TestUser;
  let member: TestUser;
  let slug: string;
  let circleId: string;
  let publicCircleId: string;
  let sessionId: string;
  let otherSessionId: string;
  let publicSessionId: string;
  let boardId: string;
  let looseBoardId: string;
  let pollId: string;
  let optionId: string;
  let otherPollId: string;

  const call = async (who: { cookie: string } | undefined, method: string, path: string, payload?: unknown) =>
    t.app.inject({
      method: method as 'GET',
      url: `/api/v1${path}`,
      headers: who ? { cookie: who.cookie } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const ok = async (who: { cookie: string } | undefined, method: string, path: string, payload?: unknown) => {
    const response = await call(who, method, path, payload);
    expect(response.statusCode, `${method} ${path}: ${response.body}`).toBeLessThan(300);
    return response.body ? response.json() : undefined;
  };
  const openCode = async (durationMinutes?: number) =>
    ok(facilitator, 'POST', `/sessions/${sessionId}/guest-codes`, durationMinutes ? { durationMinutes } : {});
  const join = async (code: string, name: string, ip = '10.0.0.1') => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/guests',
      payload: { code, name },
      remoteAddress: ip,
    });
    const cookie = (response.headers['set-cookie'] as string | undefined)?.split(';')[0] ?? '';
    return { response, guest: { id: response.statusCode === 201 ? response.json().guest.id : '', cookie } };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    liveUrl = await listenLive(t.app);
    facilitator = await registerUser(t.app, 'Fanny Facilitatrice');
    member = await registerUser(t.app, 'Marc Membre');
    const community = await buildCommunity(t.app, facilitator);
    slug = community.slug;
    await joinCommunity(t.app, member, slug);
    // The guests' circle is private: a guest stands in its session whatever the circle's visibility.
    circleId = (await buildCircle(t.app, facilitator, slug, { visibility: 'private' })).id;
    await addToCircle(t.app, facilitator, circleId, member);
    publicCircleId = (await buildCircle(t.app, facilitator, slug)).id;
    sessionId = (await buildSession(t.app, facilitator, circleId)).id;
    otherSessionId = (await buildSession(t.app, facilitator, circleId)).id;
    publicSessionId = (await buildSession(t.app, facilitator, publicCircleId)).id;
    boardId = (await ok(facilitator, 'POST', `/circles/${circleId}/boards`, { title: 'Idées', sessionId }))
      .id;
    looseBoardId = (await ok(facilitator, 'POST', `/circles/${circleId}/boards`, { title: 'Ailleurs' })).id;
    const poll = await ok(facilitator, 'POST', `/circles/${circleId}/polls`, {
      title: 'Prochaine date',
      kind: 'single',
      options: ['Mardi', 'Jeudi'],
      sessionId,
    });
    pollId = poll.id;
    optionId = poll.options[0].id;
    otherPollId = (
      await ok(facilitator, 'POST', `/circles/${circleId}/polls`, {
        title: 'Autre',
        kind: 'single',
        options: ['Oui', 'Non'],
        sessionId: otherSessionId,
      })
    ).id;
  });
  afterAll(() => t.close());

  it('opens a short code that only the session’s facilitators see and manage', async () => {
    const code = await openCode();
    expect(code.code).toMatch(new RegExp(`^[${guestCodeAlphabet}]{8}$`));
    expect(code.url).toBe(`http://archipel.test/rejoindre?code=${code.code}`);
    const hours = (Date.parse(code.expiresAt) - Date.parse(code.createdAt)) / 3600_000;
    expect(hours).toBeCloseTo(4);
    expect((await ok(facilitator, 'GET', `/sessions/${sessionId}/guest-codes`)).items).toHaveLength(1);
    expect((await call(member, 'GET', `/sessions/${sessionId}/guest-codes`)).statusCode).toBe(403);
    expect((await call(member, 'POST', `/sessions/${sessionId}/guest-codes`, {})).statusCode).toBe(403);
    const outsider = await registerUser(t.app, 'Olga Outsider');
    expect((await call(outsider, 'GET', `/sessions/${sessionId}/guest-codes`)).statusCode).toBe(404);
    expect(
      (await call(facilitator, 'POST', `/sessions/${sessionId}/guest-codes`, { durationMinutes: 5 }))
        .statusCode,
    ).toBe(400);
  });

  it('lets a guest without an account check in, write a post-it, dot it and vote in that session', async () => {
    const { code } = await openCode();
    const typed = `${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`;
    const { response, guest } = await join(typed, 'Gaëlle Invitée');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers['set-cookie']).toMatch(/HttpOnly; SameSite=Lax/);
    const home = response.json();
    expect(home).toMatchObject({
      session: { id: sessionId },
      boards: [{ id: boardId }],
      polls: [{ id: pollId }],
    });
    expect(await ok(guest, 'GET', '/guests/me')).toMatchObject({ guest: { name: 'Gaëlle Invitée' } });

    const checkins = await ok(guest, 'PUT', `/sessions/${sessionId}/checkins/me`, {
      weather: 'sunny',
      word: 'curieuse',
    });
    expect(JSON.stringify(checkins)).toContain('curieuse');
    const note = await ok(guest, 'POST', `/boards/${boardId}/notes`, { text: 'Une idée d’invitée' });
    await ok(guest, 'PUT', `/notes/${note.id}/dots/me`, { count: 1 });
    await ok(guest, 'PUT', `/polls/${pollId}/ballot`, { choices: [optionId] });
    const board = await ok(facilitator, 'GET', `/boards/${boardId}`);
    expect(board.notes.find((n: { id: string }) => n.id === note.id)?.author?.name).toBe('Gaëlle Invitée');
    // A guest steers nothing.
    expect((await call(guest, 'POST', `/sessions/${sessionId}/guest-codes`, {})).statusCode).toBe(404);
    expect((await call(guest, 'PATCH', `/boards/${boardId}`, { title: 'Pris' })).statusCode).toBe(404);
  });

  it('answers a guest 404 on every route of the API but their own session’s', async () => {
    const { code } = await openCode();
    const { guest } = await join(code, 'Gilles Invité');
    const doc = t.app.swagger() as unknown as OpenApi;
    const fill = (path: string) =>
      path
        .split('/')
        .map((segment, i, all) => {
          const before = all[i - 1] ?? '';
          if (segment === '{slug}') return slug;
          if (!segment.startsWith('{')) return segment;
          if (before === 'circles') return publicCircleId;
          if (before === 'sessions') return publicSessionId;
          if (before === 'boards') return looseBoardId;
          if (before === 'polls') return otherPollId;
          return 'unknown';
        })
        .join('/');
    const validBodies: Record<string, unknown> = {
      'PUT /api/v1/sessions/:id/checkins/me': { weather: 'sunny' },
      'POST /api/v1/boards/:id/notes': { text: 'Hors de ma séance' },
      'PATCH /api/v1/notes/:id': { text: 'Hors de ma séance' },
      'PUT /api/v1/notes/:id/dots/me': { count: 1 },
      'PUT /api/v1/polls/:id/ballot': { choices: [optionId] },
      'POST /api/v1/sessions/:id/notes/comments': {
        body: 'Hors de ma séance',
        quote: 'passage',
        anchor: { start: 'AAE=', end: 'AAI=' },
      },
    };
    const wrong: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations)) {
        const route = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
        if (route === 'POST /api/v1/guests' || route === 'DELETE /api/v1/guests/me') continue;
        // Creating an account or signing in stays open to a guest (then the account's session wins).
        if (signInRoutes.has(route)) continue;
        // The guest's own routes get a valid body, so that their 404 is the policy's, not validation's.
        const body = validBodies[route] ?? (method === 'get' || method === 'delete' ? undefined : {});
        const response = await t.app.inject({
          method: method.toUpperCase() as 'GET',
          url: fill(path),
          headers: {
            cookie: guest.cookie,
            ...(body !== undefined && { 'content-type': 'application/json' }),
          },
          ...(body !== undefined && { payload: JSON.stringify(body) }),
        });
        const expected = route === 'GET /api/v1/guests/me' ? 200 : 404;
        if (response.statusCode !== expected)
          wrong.push(`${route}: ${response.statusCode} ${response.body.slice(0, 80)}`);
      }
    }
    // The routes a guest may use answer 404 for what is not of their session.
    expect(guestRoutes.size).toBeGreaterThan(10);
    for (const [method, path, body] of [
      ['GET', `/boards/${looseBoardId}`, undefined],
      ['POST', `/boards/${looseBoardId}/notes`, { text: 'x' }],
      ['GET', `/polls/${otherPollId}`, undefined],
      ['PUT', `/sessions/${otherSessionId}/checkins/me`, { weather: 'sunny' }],
      ['PUT', `/sessions/${publicSessionId}/checkins/me`, { weather: 'sunny' }],
    ] as const) {
      const response = await call(guest, method, path, body);

      if (response.statusCode !== 404) wrong.push(`${method} ${path}: ${response.statusCode}`);
    }
    // What a visitor without any cookie may read, a guest may not.
    expect((await call(undefined, 'GET', `/communities/${slug}`)).statusCode).toBe(200);
    expect(wrong).toEqual([]);
  }, 120_000);

  it('lets a guest follow their session’s topics live, and nothing else', async () => {
    const { code } = await openCode();
    const { guest } = await join(code, 'Lina Live');
    const socket = await openLiveClient(liveUrl, guest);
    try {
      for (const topic of [`session:${sessionId}`, `board:${boardId}`, `poll:${pollId}`])
        expect(await socket.subscribe(topic), topic).toMatchObject({ type: 'subscribed' });
      for (const topic of [
        `session:${otherSessionId}`,
        `session:${publicSessionId}`,
        `board:${looseBoardId}`,
        `poll:${otherPollId}`,
      ])
        expect(await socket.subscribe(topic), topic).toMatchObject({ type: 'error', code: 'NOT_FOUND' });
    } finally {
      socket.close();
    }
  });

  it('lets a guest comment on a passage of their session’s notes, and no other session’s', async () => {
    const { code } = await openCode();
    const { guest } = await join(code, 'Clémence Commentaire');
    const comment = { body: 'Une précision', quote: 'passage', anchor: { start: 'AAE=', end: 'AAI=' } };
    const mine = await call(guest, 'POST', `/sessions/${sessionId}/notes/comments`, comment);
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json().author).toMatchObject({ name: 'Clémence Commentaire' });
    const listed = await call(guest, 'GET', `/sessions/${sessionId}/notes/comments`);
    expect(listed.statusCode).toBe(200);
    for (const other of [otherSessionId, publicSessionId]) {
      expect((await call(guest, 'POST', `/sessions/${other}/notes/comments`, comment)).statusCode).toBe(404);
      expect((await call(guest, 'GET', `/sessions/${other}/notes/comments`)).statusCode).toBe(404);
    }
  });

  it('lets a guest write in their session’s shared notes, and no other session’s', async () => {
    const { code } = await openCode();
    const { guest } = await join(code, 'Noémie Notes');
    const notesUrl = liveUrl.replace('/live', '/notes');
    const mine = openNotes(notesUrl, sessionId, guest);
    const other = openNotes(notesUrl, otherSessionId, guest);
    const facilitatorNotes = openNotes(notesUrl, sessionId, facilitator);
    try {
      await until(() => mine.events.synced && facilitatorNotes.events.synced && other.events.failed);
      mine.doc.getText('notes').insert(0, 'Une note d’invitée. ');
      await until(() => facilitatorNotes.doc.getText('notes').toString().includes('invitée'));
      expect(other.events.synced).toBe(false);
    } finally {
      for (const editor of [mine, other, facilitatorNotes]) editor.close();
    }
  });

  it('revokes a code at once: it admits nobody, its guests lose access and their live socket closes', async () => {
    const code = await openCode();
    const { guest } = await join(code.code, 'Rémi Révoqué');
    const socket = await openLiveClient(liveUrl, guest);
    expect(await socket.subscribe(`session:${sessionId}`)).toMatchObject({ type: 'subscribed' });
    const closed = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket still open')), LIVE_FRAME_LIMIT_MS);
      socket.socket.once('close', (status) => {
        clearTimeout(timer);
        resolve(status);
      });
    });
    await ok(facilitator, 'DELETE', `/sessions/${sessionId}/guest-codes/${code.id}`);
    await closed;
    expect((await call(guest, 'GET', '/guests/me')).statusCode).toBe(404);
    expect(
      (await call(guest, 'PUT', `/sessions/${sessionId}/checkins/me`, { weather: 'rainy' })).statusCode,
    ).toBe(401);
    expect((await join(code.code, 'Trop tard')).response.statusCode).toBe(404);
    expect(
      (await call(facilitator, 'DELETE', `/sessions/${sessionId}/guest-codes/${code.id}`)).statusCode,
    ).toBe(404);
    const open = (await ok(facilitator, 'GET', `/sessions/${sessionId}/guest-codes`)).items as {
      id: string;
    }[];
    expect(open.map((c) => c.id)).not.toContain(code.id);
  });

  it('ends a code at its expiry: it admits nobody and its guests lose access', async () => {
    const code = await openCode(15);
    const { guest } = await join(code.code, 'Estelle Expirée');
    expect((await call(guest, 'GET', '/guests/me')).statusCode).toBe(200);
    await t.database.db
      .updateTable('guestCodes')
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', code.id)
      .execute();
    expect((await call(guest, 'GET', '/guests/me')).statusCode).toBe(404);
    expect((await call(guest, 'GET', `/boards/${boardId}`)).statusCode).toBe(401);
    expect((await join(code.code, 'Trop tard')).response.statusCode).toBe(404);
  });

  it('closes an expired code’s guests’ live sockets by the clock', async () => {
    const code = await openCode(15);
    const { guest } = await join(code.code, 'Louis Live');
    const socket = await openLiveClient(liveUrl, guest);
    expect(await socket.subscribe(`session:${sessionId}`)).toMatchObject({ type: 'subscribed' });
    const closed = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket still open')), LIVE_FRAME_LIMIT_MS);
      socket.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    // The code ends in a moment: the instance's sweep (every 10 s) closes its guests' sockets.
    await t.database.db
      .updateTable('guestCodes')
      .set({ expiresAt: new Date(Date.now() + 200).toISOString() })
      .where('id', '=', code.id)
      .execute();
    await closed;
  }, 60_000);

  it('limits joins per address and refuses codes that are not codes', async () => {
    expect((await join('not a code!', 'Xavier')).response.statusCode).toBe(400);
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++)
      statuses.push((await join('AAAAAAAA', 'Brute', '10.9.9.9')).response.statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('names the session’s guests to those who read it, so their contributions are marked', async () => {
    const { code } = await openCode();
    const { guest } = await join(code, 'Bérénice Badge');
    const guests = (await ok(member, 'GET', `/sessions/${sessionId}/guests`)).items as { id: string }[];
    expect(guests).toContainEqual({ id: guest.id, name: 'Bérénice Badge' });
    const outsider = await registerUser(t.app, 'Oscar Outsider');
    expect((await call(outsider, 'GET', `/sessions/${sessionId}/guests`)).statusCode).toBe(404);
  });

  it('keeps guests out of the member lists', async () => {
    const { code } = await openCode();
    await join(code, 'Discrète Invitée');
    const members = await ok(facilitator, 'GET', `/circles/${circleId}/members`);
    expect(JSON.stringify(members)).not.toContain('Discrète');
    const community = await ok(facilitator, 'GET', `/communities/${slug}/members`);
    expect(JSON.stringify(community)).not.toContain('Discrète');
    // The facilitator, registered first, is the instance's admin: their account search leaves guests out.
    for (const q of ['', 'Discrète', 'guest']) {
      const found = await ok(facilitator, 'GET', `/admin/users?q=${encodeURIComponent(q)}`);
      expect(JSON.stringify(found)).not.toContain('Discrète');
      expect(JSON.stringify(found)).not.toContain('guest.invalid');
    }
  });

  it('gives a guest’s check-in, post-it, dot and ballot to the account they register', async () => {
    const { code } = await openCode();
    const { guest } = await join(code, 'Clara Claims');
    await ok(guest, 'PUT', `/sessions/${sessionId}/checkins/me`, { weather: 'rainbow', word: 'ravie' });
    // Sent as the browser sends it, with an idempotency key (stored under the guest's person row).
    const written = await t.app.inject({
      method: 'POST',
      url: `/api/v1/boards/${boardId}/notes`,
      headers: { cookie: guest.cookie, 'idempotency-key': 'guest-note-0001-abcdefgh' },
      payload: { text: 'Ma contribution' },
    });
    expect(written.statusCode, written.body).toBe(201);
    const note = written.json();
    await ok(guest, 'PUT', `/notes/${note.id}/dots/me`, { count: 1 });
    await ok(guest, 'PUT', `/polls/${pollId}/ballot`, { choices: [optionId] });
    const keys = await t.database.db
      .selectFrom('idempotencyKeys')
      .select('key')
      .where('userId', '=', guest.id)
      .execute();
    expect(keys).toHaveLength(1);
    // The guest registers from their browser while the code is still open.
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { cookie: guest.cookie },
      payload: {
        email: `clara.${dialect}.${process.pid}@example.org`,
        password: 'correct horse battery',
        name: 'Clara Compte',
      },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const account = {
      id: registered.json().user.id as string,
      cookie: cookieOf(registered),
    };
    const both = { cookie: `${account.cookie}; ${guest.cookie}` };
    expect(await ok(both, 'POST', '/guests/me/claim')).toEqual({ sessionId });
    const db = t.database.db;
    expect(
      await db.selectFrom('users').select('id').where('id', '=', guest.id).executeTakeFirst(),
    ).toBeUndefined();
    expect(
      await db.selectFrom('guests').select('userId').where('userId', '=', guest.id).executeTakeFirst(),
    ).toBeUndefined();
    const stored = await db
      .selectFrom('boardNotes')
      .select('authorId')
      .where('id', '=', note.id)
      .executeTakeFirstOrThrow();
    expect(stored.authorId).toBe(account.id);
    const checkin = await db
      .selectFrom('checkins')
      .select('userId')
      .where('word', '=', 'ravie')
      .executeTakeFirstOrThrow();
    expect(checkin.userId).toBe(account.id);
    const ballot = await db
      .selectFrom('pollBallots')
      .select('userId')
      .where('pollId', '=', pollId)
      .where('userId', '=', account.id)
      .executeTakeFirst();
    expect(ballot).toBeDefined();
    // Claimed once: the browser's guest is gone.
    expect((await call(both, 'POST', '/guests/me/claim')).statusCode).toBe(404);
    expect((await call(guest, 'POST', '/guests/me/claim')).statusCode).toBe(401);
  });
});
