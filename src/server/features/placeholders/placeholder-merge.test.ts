import { randomUUID } from 'node:crypto';
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
import { featurePersonColumns } from '../registry.ts';
import { mergedUserColumns } from './placeholder-merge.ts';

describe.each(testDialects())('claiming a placeholder on %s', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let community: { id: string; slug: string };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    owner = await registerUser(t.app, 'Florent');
    community = await buildCommunity(t.app, owner);
  });
  afterAll(() => t.close());

  async function invite(placeholderId: string, by: TestUser = owner, email = 'someone@example.org') {
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${community.slug}/placeholders/${placeholderId}/invitations`,
      headers: { cookie: by.cookie },
      payload: { email },
    });
  }
  const tokenIn = (response: { json(): { url: string } }) => response.json().url.split('/claim/')[1] ?? '';
  const accept = (token: string, user: TestUser) =>
    t.app.inject({ method: 'POST', url: `/api/v1/claims/${token}/accept`, headers: { cookie: user.cookie } });

  it('merges rather than duplicates where the account already took part, and frees the doubled place', async () => {
    const db = t.database.db;
    const circle = await buildCircle(t.app, owner, community.slug, { capacity: 2 });
    const placeholder = await buildPlaceholder(db, { name: 'Isabelle Cazaunau', communityId: community.id });
    const isabelle = await registerUser(t.app, 'Isabelle C.');
    const waiting = await registerUser(t.app, 'Bruno');
    for (const person of [isabelle, waiting]) await joinCommunity(t.app, person, community.slug);
    await addToCircle(t.app, owner, circle.id, { ...isabelle, id: placeholder.id });
    await addToCircle(t.app, owner, circle.id, isabelle);
    expect((await addToCircle(t.app, owner, circle.id, waiting)).status).toBe('waitlisted');
    const session = await buildSession(t.app, owner, circle.id);
    const now = new Date().toISOString();
    await db
      .insertInto('sessionParticipants')
      .values([
        {
          id: randomUUID(),
          sessionId: session.id,
          userId: placeholder.id,
          guestName: null,
          status: 'present',
          createdAt: now,
        },
        {
          id: randomUUID(),
          sessionId: session.id,
          userId: isabelle.id,
          guestName: null,
          status: 'invited',
          createdAt: now,
        },
      ])
      .execute();
    await db
      .insertInto('checkins')
      .values([
        {
          sessionId: session.id,
          userId: placeholder.id,
          round: 'opening',
          weather: 'rainy',
          word: 'pluie',
          updatedAt: now,
        },
        {
          sessionId: session.id,
          userId: placeholder.id,
          round: 'closing',
          weather: 'sunny',
          word: 'soleil',
          updatedAt: now,
        },
        {
          sessionId: session.id,
          userId: isabelle.id,
          round: 'opening',
          weather: 'cloudy',
          word: 'nuage',
          updatedAt: now,
        },
      ])
      .execute();
    const shared = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${session.id}/actions`,
      headers: { cookie: owner.cookie },
      payload: { title: 'Écrire la synthèse', ownerIds: [placeholder.id, isabelle.id] },
    });
    expect(shared.statusCode).toBe(201);

    const token = tokenIn(await invite(placeholder.id));
    const accepted = await accept(token, isabelle);
    expect(accepted.statusCode).toBe(200);

    const participants = await db
      .selectFrom('sessionParticipants')
      .selectAll()
      .where('sessionId', '=', session.id)
      .execute();
    expect(participants.map((p) => [p.userId, p.status])).toEqual([[isabelle.id, 'present']]);
    const checkins = await db
      .selectFrom('checkins')
      .select(['round', 'word'])
      .where('userId', '=', isabelle.id)
      .orderBy('round')
      .execute();
    expect(checkins).toEqual([
      { round: 'closing', word: 'soleil' },
      { round: 'opening', word: 'nuage' },
    ]);
    const owners = await db
      .selectFrom('actionOwners')
      .select('userId')
      .where('actionId', '=', shared.json().id)
      .execute();
    expect(owners).toEqual([{ userId: isabelle.id }]);
    const members = await db
      .selectFrom('circleMembers')
      .select(['userId', 'status'])
      .where('circleId', '=', circle.id)
      .where('role', '=', 'member')
      .orderBy('position')
      .execute();
    expect(members).toEqual([
      { userId: isabelle.id, status: 'member' },
      { userId: waiting.id, status: 'member' },
    ]);
    const user = await db
      .selectFrom('users')
      .select('organisation')
      .where('id', '=', isabelle.id)
      .executeTakeFirstOrThrow();
    expect(user.organisation).toBe('CNFPT');
    expect(
      await db.selectFrom('users').select('id').where('id', '=', placeholder.id).executeTakeFirst(),
    ).toBeUndefined();
  });

  it('gives the account the placeholder’s facilitator role in its circles', async () => {
    const circle = await buildCircle(t.app, owner, community.slug);
    const placeholder = await buildPlaceholder(t.database.db, {
      name: 'Julie Chabaud',
      communityId: community.id,
    });
    await addToCircle(t.app, owner, circle.id, { ...owner, id: placeholder.id });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/circles/${circle.id}/members/${placeholder.id}`,
      headers: { cookie: owner.cookie },
      payload: { role: 'facilitator' },
    });
    const julie = await registerUser(t.app, 'Julie');
    expect((await accept(tokenIn(await invite(placeholder.id)), julie)).statusCode).toBe(200);
    const view = await t.app.inject({
      url: `/api/v1/circles/${circle.id}`,
      headers: { cookie: julie.cookie },
    });
    expect(view.json()).toMatchObject({ myRole: 'facilitator', myStatus: 'member' });
    const joined = await t.app.inject({
      url: `/api/v1/communities/${community.slug}`,
      headers: { cookie: julie.cookie },
    });
    expect(joined.json()).toMatchObject({ myStatus: 'active', myRole: 'member' });
  });

  it('keeps invitations to stewards, one link at a time, and refuses what is expired, replaced or malformed', async () => {
    const placeholder = await buildPlaceholder(t.database.db, {
      name: 'Bruno Ach',
      communityId: community.id,
    });
    const member = await registerUser(t.app, 'Membre');
    await joinCommunity(t.app, member, community.slug);
    expect((await invite(placeholder.id, member)).statusCode).toBe(403);
    const outsider = await registerUser(t.app, 'Ailleurs');
    const elsewhere = await buildCommunity(t.app, outsider);
    const crossing = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${elsewhere.slug}/placeholders/${placeholder.id}/invitations`,
      headers: { cookie: outsider.cookie },
      payload: { email: 'x@example.org' },
    });
    expect(crossing.statusCode).toBe(404);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${community.slug}/placeholders/${placeholder.id}/invitations`,
      headers: { cookie: owner.cookie },
      payload: { email: 'pas une adresse' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_INPUT');
    expect((await invite(owner.id)).statusCode).toBe(404); // an account is no placeholder

    const first = tokenIn(await invite(placeholder.id));
    const second = tokenIn(await invite(placeholder.id));
    const bruno = await registerUser(t.app, 'Bruno');
    const replaced = await accept(first, bruno);
    expect(replaced.statusCode).toBe(409);
    expect(replaced.json().error.details).toEqual({ state: 'revoked' });
    await t.database.db
      .updateTable('placeholderInvitations')
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('acceptedAt', 'is', null)
      .where('revokedAt', 'is', null)
      .execute();
    const expired = await accept(second, bruno);
    expect(expired.statusCode).toBe(409);
    expect(expired.json().error.details).toEqual({ state: 'expired' });
    expect((await t.app.inject({ url: `/api/v1/claims/${second}` })).json().state).toBe('expired');
    expect((await t.app.inject({ url: `/api/v1/claims/${'A'.repeat(43)}` })).statusCode).toBe(404);
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/claims/short/accept',
      headers: { cookie: bruno.cookie },
    });
    expect(malformed.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/claims/${second}/accept` })).statusCode).toBe(
      401,
    );

    const third = tokenIn(await invite(placeholder.id));
    const withdrawn = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/communities/${community.slug}/placeholders/${placeholder.id}/invitations`,
      headers: { cookie: owner.cookie },
    });
    expect(withdrawn.statusCode).toBe(204);
    expect((await accept(third, bruno)).statusCode).toBe(409);
  });

  it('accepts a link once even when two people send it at the same moment', async () => {
    const placeholder = await buildPlaceholder(t.database.db, {
      name: 'Thierry Ambrosini',
      communityId: community.id,
    });
    const token = tokenIn(await invite(placeholder.id));
    const [a, b] = [await registerUser(t.app, 'Thierry'), await registerUser(t.app, 'Autre')];
    const answers = await Promise.all([accept(token, a), accept(token, b)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  it('covers every column that references a person (a new one must be merged or chosen to drop)', async () => {
    const rows =
      dialect === 'sqlite'
        ? await sql<{ name: string }>`select m.name || '.' || f."from" as name
            from sqlite_master m join pragma_foreign_key_list(m.name) f
            where m.type = 'table' and f."table" = 'users'`.execute(t.database.db)
        : await sql<{ name: string }>`select c.conrelid::regclass::text || '.' || a.attname as name
            from pg_constraint c
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
            where c.contype = 'f' and c.confrelid = 'users'::regclass`.execute(t.database.db);
    const referencing = rows.rows.map((row) => row.name).sort();
    expect(referencing.length).toBeGreaterThan(20);
    const merged = new Set([
      ...mergedUserColumns,
      ...featurePersonColumns().map(({ table, column }) => `${table}.${column}`),
    ]);
    expect(referencing.filter((name) => !merged.has(name))).toEqual([]);
  });
});
