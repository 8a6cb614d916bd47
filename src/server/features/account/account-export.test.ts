import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addToCircle,
  buildCircle,
  buildCommunity,
  buildSession,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';
import { featurePersonColumns } from '../registry.ts';
import { excludedPersonColumns, exportedSections } from './account-export-sections.ts';

describe.each(testDialects())('exporting my data on %s', (dialect) => {
  let t: TestApp;
  let facilitator: TestUser;
  let me: TestUser;
  let other: TestUser;

  const call = (user: TestUser, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: user.cookie },
      ...(payload && { payload }),
    });

  async function download(user: TestUser) {
    const response = await t.app.inject({ url: '/api/v1/me/export', headers: { cookie: user.cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(response.rawPayload));
    expect(Object.keys(files).sort()).toEqual(['archipel-export.json', 'index.html']);
    return {
      raw: response.rawPayload.toString('latin1'),
      json: JSON.parse(strFromU8(files['archipel-export.json'] as Uint8Array)),
      html: strFromU8(files['index.html'] as Uint8Array),
    };
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    facilitator = await registerUser(t.app, 'Florent');
    me = await registerUser(t.app, 'Bernard <script>alert(1)</script>');
    other = await registerUser(t.app, 'Julie');
  });
  afterAll(() => t.close());

  it('holds what I did and nothing of the others but what I see, in JSON and a readable page', async () => {
    const community = await buildCommunity(t.app, facilitator);
    for (const person of [me, other]) await joinCommunity(t.app, person, community.slug);
    const circle = await buildCircle(t.app, facilitator, community.slug, { visibility: 'private' });
    const hidden = await buildCircle(t.app, facilitator, community.slug, { visibility: 'private' });
    for (const id of [circle.id, hidden.id]) {
      await addToCircle(t.app, facilitator, id, me);
      await addToCircle(t.app, facilitator, id, other);
    }
    await call(me, 'PATCH', '/me', { territoryCodes: ['33'], organisation: 'Mairie de Bègles' });
    const session = await buildSession(t.app, facilitator, circle.id, { title: 'Séance de juin' });
    await call(me, 'PUT', `/sessions/${session.id}/checkins/me`, { weather: 'cloudy', word: 'curieux' });
    await call(other, 'PUT', `/sessions/${session.id}/checkins/me`, {
      weather: 'stormy',
      word: 'secret-de-julie',
    });
    await call(me, 'POST', `/sessions/${session.id}/actions`, {
      title: 'Relancer le wiki',
      ownerIds: [me.id],
    });
    const board = (
      await call(facilitator, 'POST', `/circles/${circle.id}/boards`, { title: 'Idées' })
    ).json();
    await call(me, 'POST', `/boards/${board.id}/notes`, { text: 'Un abécédaire partagé' });
    await call(other, 'POST', `/boards/${board.id}/notes`, { text: 'post-it de Julie' });
    const poll = (
      await call(facilitator, 'POST', `/circles/${circle.id}/polls`, {
        title: 'Jour',
        kind: 'single',
        options: ['lundi', 'mardi'],
      })
    ).json();
    await call(me, 'PUT', `/polls/${poll.id}/ballot`, { choices: [poll.options[1].id] });
    const gone = await buildSession(t.app, facilitator, hidden.id, { title: 'Séance cachée' });
    await call(me, 'PUT', `/sessions/${gone.id}/checkins/me`, { weather: 'sunny', word: 'oublie-moi' });
    // I leave the second private circle: what I said there is no longer mine to see.
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/v1/circles/${hidden.id}/members/${me.id}`,
          headers: { cookie: facilitator.cookie },
        })
      ).statusCode,
    ).toBe(204);

    const { json, html, raw } = await download(me);
    const text = JSON.stringify(json);
    expect(json.sections.profile[0]).toMatchObject({ email: me.email, organisation: 'Mairie de Bègles' });
    expect(json.sections.profileTerritories).toEqual([{ code: '33' }]);
    expect(json.sections.checkins).toEqual([
      expect.objectContaining({ word: 'curieux', session: 'Séance de juin' }),
    ]);
    expect(json.sections.nextSteps).toEqual([
      expect.objectContaining({ title: 'Relancer le wiki', ownedByMe: expect.anything() }),
    ]);
    expect(json.sections.postIts.map((row: { text: string }) => row.text)).toContain('Un abécédaire partagé');
    expect(json.sections.ballots).toEqual([expect.objectContaining({ poll: 'Jour', kind: 'named' })]);
    expect(json.sections.communities).toHaveLength(1);
    expect(json.sections.mails.length).toBeGreaterThan(0);
    // Nothing of the others: no address, no check-in, no post-it, nothing of the circle I left.
    for (const foreign of [
      other.email,
      facilitator.email,
      'secret-de-julie',
      'post-it de Julie',
      'oublie-moi',
      'Séance cachée',
    ]) {
      expect(text).not.toContain(foreign);
    }
    // A readable page, in French by default, with every text escaped and no script.
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Tours de météo');
    expect(html).toContain('<th scope="col">Météo</th>');
    expect(html).toContain('Bernard &#60;script&#62;');
    expect(html).not.toContain('<script');
    expect(raw.length).toBeGreaterThan(100);
    const audit = await t.database.db
      .selectFrom('auditEvents')
      .select('kind')
      .where('actorId', '=', me.id)
      .execute();
    expect(audit.map((row) => row.kind)).toContain('account.export');
  });

  it('speaks English to an English account and refuses a visitor', async () => {
    await call(other, 'PATCH', '/me', { locale: 'en' });
    expect((await download(other)).html).toContain('Check-ins');
    expect((await t.app.inject({ url: '/api/v1/me/export' })).statusCode).toBe(401);
  });

  it('covers every column that names a person (a new one must be exported or excluded with a reason)', async () => {
    const rows =
      dialect === 'sqlite'
        ? await sql<{ name: string }>`select m.name || '.' || f."from" as name
            from sqlite_master m join pragma_foreign_key_list(m.name) f
            where m.type = 'table' and f."table" = 'users'`.execute(t.database.db)
        : await sql<{ name: string }>`select c.conrelid::regclass::text || '.' || a.attname as name
            from pg_constraint c
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
            where c.contype = 'f' and c.confrelid = 'users'::regclass`.execute(t.database.db);
    const covered = new Set([
      ...exportedSections.flatMap((section) => section.covers),
      ...Object.keys(excludedPersonColumns),
    ]);
    const named = new Set([
      ...rows.rows.map((row) => row.name),
      ...featurePersonColumns().map(({ table, column }) => `${table}.${column}`),
    ]);
    expect([...named].filter((name) => !covered.has(name)).sort()).toEqual([]);
  });
});
