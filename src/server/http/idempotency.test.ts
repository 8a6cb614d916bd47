import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCircle,
  buildCommunity,
  buildSession,
  createTestApp,
  registerUser,
  type TestApp,
  type TestUser,
} from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';
import { pruneExpiredKeys } from './idempotency-keys.ts';

type Table =
  | 'sessions'
  | 'circles'
  | 'communities'
  | 'boards'
  | 'boardNotes'
  | 'polls'
  | 'datePolls'
  | 'signupSheets'
  | 'actions';

describe.each(testDialects())('Idempotency-Key on %s', (dialect) => {
  let t: TestApp;
  let facilitator: TestUser;
  let other: TestUser;
  let community: { id: string; slug: string };
  let circleId: string;
  let sessionId: string;
  let boardId: string;

  const post = (user: TestUser, url: string, payload: object, key?: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: { cookie: user.cookie, ...(key && { 'idempotency-key': key }) },
      payload,
    });
  const count = async (table: Table) =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp(dialect);
    facilitator = await registerUser(t.app, 'Florent');
    other = await registerUser(t.app, 'Odile');
    community = await buildCommunity(t.app, facilitator);
    circleId = (await buildCircle(t.app, facilitator, community.slug)).id;
    sessionId = (await buildSession(t.app, facilitator, circleId)).id;
    const board = await post(facilitator, `/circles/${circleId}/boards`, {
      title: 'Tableau',
      categories: [{ name: 'BLEU', color: 'blue', meaning: 'prochains pas' }],
    });
    boardId = board.json().id;
  });
  afterAll(() => t.close());

  const creates: [string, Table, () => string, object][] = [
    [
      'a session',
      'sessions',
      () => `/circles/${circleId}/sessions`,
      { title: 'Codev', startsAt: '2026-12-10T11:00:00Z', endsAt: '2026-12-10T12:30:00Z' },
    ],
    [
      'a circle',
      'circles',
      () => `/communities/${community.slug}/circles`,
      { name: 'Boussoles', kind: 'learning_circle', visibility: 'public' },
    ],
    [
      'a community',
      'communities',
      () => '/communities',
      { name: 'Riposte Gironde', slug: `gironde-${randomUUID().slice(0, 6)}`, joinPolicy: 'open' },
    ],
    [
      'a board',
      'boards',
      () => `/circles/${circleId}/boards`,
      { title: 'Météo', categories: [{ name: 'JAUNE', color: 'yellow', meaning: 'idées' }] },
    ],
    ['a post-it', 'boardNotes', () => `/boards/${boardId}/notes`, { text: 'Relancer le REX' }],
    [
      'a poll',
      'polls',
      () => `/circles/${circleId}/polls`,
      { title: 'Quel jour ?', kind: 'single', options: ['lundi', 'mardi'] },
    ],
    [
      'a date poll',
      'datePolls',
      () => `/circles/${circleId}/date-polls`,
      {
        title: 'Deux séances',
        timeZone: 'Europe/Paris',
        slots: [{ startsAt: '2026-12-08T11:00:00+01:00', endsAt: '2026-12-08T12:30:00+01:00' }],
      },
    ],
    [
      'a sign-up sheet',
      'signupSheets',
      () => `/circles/${circleId}/signup-sheets`,
      { title: 'Qui veut y travailler ?', topics: [{ title: 'REX' }] },
    ],
    [
      'an action',
      'actions',
      () => `/sessions/${sessionId}/actions`,
      { title: 'Écrire la synthèse', ownerIds: [] },
    ],
  ];

  it.each(creates)(
    'creates %s once for two concurrent requests with one key, answering both alike',
    async (_, table, url, payload) => {
      const before = await count(table);
      const key = randomUUID();
      const [first, second] = await Promise.all([
        post(facilitator, url(), payload, key),
        post(facilitator, url(), payload, key),
      ]);
      expect(first.statusCode, first.body).toBe(201);
      expect(second.statusCode).toBe(first.statusCode);
      expect(second.json()).toEqual(first.json());
      expect(await count(table)).toBe(before + 1);
      // Later too (a retry after a lost answer), and marked as a replay.
      const later = await post(facilitator, url(), payload, key);
      expect(later.json()).toEqual(first.json());
      expect(later.headers['idempotent-replayed']).toBe('true');
      expect(await count(table)).toBe(before + 1);
    },
  );

  it('refuses the same key with a different body (409, house shape) and creates nothing', async () => {
    const key = randomUUID();
    const url = `/circles/${circleId}/sessions`;
    const body = { title: 'Arpentage', startsAt: '2026-12-11T11:00:00Z', endsAt: '2026-12-11T12:00:00Z' };
    expect((await post(facilitator, url, body, key)).statusCode).toBe(201);
    const before = await count('sessions');
    const changed = await post(facilitator, url, { ...body, title: 'Autre chose' }, key);
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({ error: { code: 'CONFLICT', message: expect.any(String) } });
    expect(await count('sessions')).toBe(before);
  });

  it('keeps keys per person and per route, and creates each time without a key', async () => {
    const key = randomUUID();
    const body = { title: 'Même clé', categories: [{ name: 'BLEU', color: 'blue', meaning: 'x' }] };
    const before = await count('boards');
    await post(facilitator, `/circles/${circleId}/boards`, body, key);
    // Another person with the same key is another request (and here, a 404 or 403 of their own).
    const stranger = await post(other, `/circles/${circleId}/boards`, body, key);
    expect(stranger.statusCode).not.toBe(201);
    await post(facilitator, `/boards/${boardId}/notes`, { text: 'clé partagée' }, key);
    await post(facilitator, `/circles/${circleId}/boards`, body);
    await post(facilitator, `/circles/${circleId}/boards`, body);
    expect(await count('boards')).toBe(before + 3);
  });

  it('frees the key of a failed request, so a corrected retry runs', async () => {
    const key = randomUUID();
    const url = `/circles/${circleId}/sessions`;
    const bad = { title: 'Envers', startsAt: '2026-12-12T12:00:00Z', endsAt: '2026-12-12T11:00:00Z' };
    expect((await post(facilitator, url, bad, key)).statusCode).toBe(400);
    const good = { ...bad, startsAt: '2026-12-12T10:00:00Z' };
    const retried = await post(facilitator, url, good, key);
    expect(retried.statusCode, retried.body).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a malformed key with 400', async () => {
    const response = await post(
      facilitator,
      '/communities',
      { name: 'x', slug: 'xx-yy', joinPolicy: 'open' },
      'a b',
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INVALID_INPUT');
  });

  it('forgets expired keys: the purge deletes them and the key creates again', async () => {
    const key = randomUUID();
    const body = { title: 'Expiré', categories: [{ name: 'BLEU', color: 'blue', meaning: 'x' }] };
    await post(facilitator, `/circles/${circleId}/boards`, body, key);
    const past = new Date(Date.now() - 1000).toISOString();
    await t.database.db
      .updateTable('idempotencyKeys')
      .set({ expiresAt: past })
      .where('key', '=', key)
      .execute();
    const before = await count('boards');
    expect(
      (await post(facilitator, `/circles/${circleId}/boards`, body, key)).headers['idempotent-replayed'],
    ).toBeUndefined();
    expect(await count('boards')).toBe(before + 1);
    await t.database.db
      .updateTable('idempotencyKeys')
      .set({ expiresAt: past })
      .where('key', '=', key)
      .execute();
    expect(await pruneExpiredKeys(t.database.db)).toBeGreaterThanOrEqual(1);
    const left = await t.database.db
      .selectFrom('idempotencyKeys')
      .select('key')
      .where('key', '=', key)
      .execute();
    expect(left).toEqual([]);
  });

  it('documents the header on creating routes in OpenAPI', async () => {
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const parameters = spec.paths['/api/v1/circles/{id}/sessions'].post.parameters as {
      name: string;
      in: string;
    }[];
    expect(parameters).toContainEqual(expect.objectContaining({ name: 'idempotency-key', in: 'header' }));
    expect(spec.paths['/api/v1/auth/login'].post.parameters ?? []).not.toContainEqual(
      expect.objectContaining({ name: 'idempotency-key' }),
    );
  });
});
