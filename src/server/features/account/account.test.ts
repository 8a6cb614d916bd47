import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlaceholder } from '../../testing/placeholder-factory.ts';
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
import { FORMER_MEMBER_NAME } from './account-erasure.ts';

/** Every row of every table, as text: what a scan for a person's traces reads. */
async function everyTable(t: TestApp, dialect: string): Promise<Map<string, string>> {
  const db = t.database.db;
  const tables =
    dialect === 'sqlite'
      ? // Full-text tables keep their index in binary shadow tables, not rows to read as text.
        await sql<{ name: string }>`select name from sqlite_master where type = 'table'
          and name not like 'sqlite_%' and name not like 'search_fts%' and name not like 'users_search%'`.execute(
          db,
        )
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db);
  const dump = new Map<string, string>();
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    dump.set(
      name,
      JSON.stringify(rows.rows, (_key, value) =>
        value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value,
      ),
    );
  }
  return dump;
}

describe.each(testDialects())('deleting my account on %s', (dialect) => {
  let t: TestApp;
  let animator: TestUser;
  let other: TestUser;
  let community: { id: string; slug: string };
  let circleId: string;

  const as = (user: TestUser) => ({ cookie: user.cookie });
  const call = (
    user: TestUser,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) => t.app.inject({ method, url: `/api/v1${url}`, headers: as(user), ...(payload && { payload }) });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    animator = await registerUser(t.app, 'Florent');
    other = await registerUser(t.app, 'Julie');
    community = await buildCommunity(t.app, animator);
    await joinCommunity(t.app, other, community.slug);
    circleId = (await buildCircle(t.app, animator, community.slug, { visibility: 'private' })).id;
    await addToCircle(t.app, animator, circleId, other);
  });
  afterAll(() => t.close());

  it('erases the person everywhere, keeps their contributions as a former member, and they cannot sign in', async () => {
    const leaving = await registerUser(t.app, 'Zephyrine Quasimodo');
    await joinCommunity(t.app, leaving, community.slug);
    await addToCircle(t.app, animator, circleId, leaving);
    expect((await call(leaving, 'PATCH', '/me', { territoryCodes: ['33'] })).statusCode).toBe(200);
    const session = await buildSession(t.app, animator, circleId);
    expect(
      (await call(leaving, 'PUT', `/sessions/${session.id}/checkins/me`, { weather: 'sunny', word: 'ravie' }))
        .statusCode,
    ).toBe(200);
    const action = await call(leaving, 'POST', `/sessions/${session.id}/actions`, {
      title: 'Écrire la synthèse du cercle',
      ownerIds: [leaving.id],
    });
    expect(action.statusCode).toBe(201);
    const board = (
      await call(animator, 'POST', `/circles/${circleId}/boards`, {
        title: 'Tableau des idées',
        categories: [{ name: 'BLEU', color: 'blue' }],
      })
    ).json();
    const note = await call(leaving, 'POST', `/boards/${board.id}/notes`, {
      text: 'Un wiki pour tous les cercles',
    });
    expect(note.statusCode).toBe(201);
    const open = (
      await call(animator, 'POST', `/circles/${circleId}/polls`, {
        title: 'Ouvert',
        kind: 'single',
        options: ['a', 'b'],
      })
    ).json();
    const shut = (
      await call(animator, 'POST', `/circles/${circleId}/polls`, {
        title: 'Fermé',
        kind: 'single',
        options: ['a', 'b'],
      })
    ).json();
    for (const poll of [open, shut]) {
      for (const voter of [leaving, other]) {
        const ballot = await call(voter, 'PUT', `/polls/${poll.id}/ballot`, {
          choices: [poll.options[0].id],
        });
        expect(ballot.statusCode).toBe(200);
      }
    }
    expect((await call(animator, 'POST', `/polls/${shut.id}/close`)).statusCode).toBe(200);
    const closedBefore = (await call(animator, 'GET', `/polls/${shut.id}/results`)).json();
    // A public event elsewhere, one place: theirs, someone else waiting.
    const host = await registerUser(t.app, 'Hôte');
    const elsewhere = await buildCommunity(t.app, host);
    const soon = Date.now() + 7 * 86_400_000;
    const event = await call(host, 'POST', `/communities/${elsewhere.slug}/events`, {
      title: 'Forum ouvert',
      startsAt: new Date(soon).toISOString(),
      endsAt: new Date(soon + 3_600_000).toISOString(),
      timeZone: 'Europe/Paris',
      visibility: 'public',
      capacity: 1,
    });
    expect(event.statusCode, event.body).toBe(201);
    const eventId = event.json().id;
    expect((await call(leaving, 'POST', `/events/${eventId}/registrations`, {})).json().status).toBe(
      'confirmed',
    );
    expect((await call(other, 'POST', `/events/${eventId}/registrations`, {})).json().status).toBe(
      'waitlisted',
    );
    await t.runJobs();

    // Without the password, then with a wrong one: refused, nothing erased.
    expect((await call(leaving, 'DELETE', '/me', {})).statusCode).toBe(400);
    const wrong = await call(leaving, 'DELETE', '/me', { password: 'not my password' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.details).toEqual({ reason: 'WRONG_PASSWORD' });
    const deleted = await call(leaving, 'DELETE', '/me', { password: 'correct horse battery' });
    expect(deleted.statusCode).toBe(204);
    expect(String(deleted.headers['set-cookie'])).toContain('Max-Age=0');

    // Signed out everywhere, and no way back in.
    expect((await call(leaving, 'GET', '/me')).statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: leaving.email, password: 'correct horse battery' },
    });
    expect(login.statusCode).toBe(401);

    // No table holds their address or their name any more.
    for (const [table, text] of await everyTable(t, dialect)) {
      expect(text.includes(leaving.email), `${table} holds the e-mail`).toBe(false);
      expect(text.includes(leaving.name), `${table} holds the name`).toBe(false);
    }

    // What the others read: gone from the members, kept as a former member where they contributed.
    const members = await call(animator, 'GET', `/circles/${circleId}/members`);
    expect(members.body).not.toContain(leaving.id);
    const boardView = (await call(other, 'GET', `/boards/${board.id}`)).json();
    expect(JSON.stringify(boardView)).toContain('Un wiki pour tous les cercles');
    expect(JSON.stringify(boardView)).toContain(FORMER_MEMBER_NAME);
    const actions = await call(other, 'GET', `/sessions/${session.id}/actions`);
    expect(actions.body).toContain('Écrire la synthèse du cercle');
    expect(actions.body).toContain(FORMER_MEMBER_NAME);
    const minutes = await call(other, 'GET', `/sessions/${session.id}/minutes.md`);
    expect(minutes.statusCode).toBe(200);
    expect(minutes.body).not.toContain(leaving.name);

    // The open poll lost their named ballot; the closed one counts as it did.
    expect((await call(animator, 'GET', `/polls/${open.id}/results`)).json().voters).toBe(1);
    expect((await call(animator, 'GET', `/polls/${shut.id}/results`)).json()).toEqual(closedBefore);

    // Their place at the event to come went to the next in line.
    const registrations = await t.database.db
      .selectFrom('eventRegistrations')
      .select(['userId', 'status'])
      .where('eventId', '=', eventId)
      .orderBy('createdAt')
      .execute();
    expect(registrations).toEqual([
      { userId: leaving.id, status: 'cancelled' },
      { userId: other.id, status: 'confirmed' },
    ]);

    // The audit log names the opaque id only.
    const audit = await t.database.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('kind', '=', 'account.delete')
      .where('actorId', '=', leaving.id)
      .execute();
    expect(audit).toHaveLength(1);

    // Registering again with the same address makes a new, empty account.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: leaving.email, password: 'correct horse battery', name: 'Zephyrine' },
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().user.id).not.toBe(leaving.id);
  });

  it('lets an account without a password delete itself only right after signing in', async () => {
    const sso = await registerUser(t.app, 'Sans Mot de Passe');
    await t.database.db.deleteFrom('authAccounts').where('userId', '=', sso.id).execute();
    await t.database.db
      .updateTable('authSessions')
      .set({ createdAt: new Date(Date.now() - 11 * 60_000).toISOString() })
      .where('userId', '=', sso.id)
      .execute();
    const stale = await call(sso, 'DELETE', '/me', {});
    expect(stale.statusCode).toBe(403);
    expect(stale.json().error.details).toEqual({ reason: 'REAUTHENTICATE' });
    await t.database.db
      .updateTable('authSessions')
      .set({ createdAt: new Date().toISOString() })
      .where('userId', '=', sso.id)
      .execute();
    expect((await call(sso, 'DELETE', '/me', {})).statusCode).toBe(204);
  });

  it('deletes the last animator of a community too, and refuses a visitor', async () => {
    const founder = await registerUser(t.app, 'Fondatrice Ambroisine');
    const own = await buildCommunity(t.app, founder);
    await buildCircle(t.app, founder, own.slug);
    // Her invitation names her in the copy the outbox keeps of a mail to someone else.
    const placeholder = await buildPlaceholder(t.database.db, { name: 'Isabelle C.', communityId: own.id });
    const invited = await call(
      founder,
      'POST',
      `/communities/${own.slug}/placeholders/${placeholder.id}/invitations`,
      {
        email: 'isabelle@example.org',
      },
    );
    expect(invited.statusCode).toBe(201);
    await t.runJobs();
    const kept = () =>
      t.database.db
        .selectFrom('outboxMessages')
        .selectAll()
        .where('toAddress', '=', 'isabelle@example.org')
        .execute();
    expect(JSON.stringify(await kept())).toContain(founder.name);
    expect((await call(founder, 'DELETE', '/me', { password: 'correct horse battery' })).statusCode).toBe(
      204,
    );
    const left = await t.database.db
      .selectFrom('communityMembers')
      .select('userId')
      .where('communityId', '=', own.id)
      .execute();
    expect(left).toEqual([{ userId: placeholder.id }]);
    expect(JSON.stringify(await kept())).not.toContain(founder.name);
    expect(JSON.stringify(await kept())).toContain(FORMER_MEMBER_NAME);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/me', payload: {} })).statusCode).toBe(401);
    const bad = await call(other, 'DELETE', '/me', { password: 'x'.repeat(200) });
    expect(bad.statusCode).toBe(400);
  });
});
