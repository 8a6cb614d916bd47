import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCircle,
  buildCommunity,
  createTestApp,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

describe.each(testDialects())('comments on the shared notes on %s', (dialect) => {
  let t: TestApp;
  let facilitator: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let sessionId: string;
  const as = (user?: TestUser) => (user ? { cookie: user.cookie } : {});
  const anchor = { start: 'AQLN0NXcBwEA', end: 'AQLN0NXcBwoA' };
  const comments = (user?: TestUser) =>
    t.app.inject({ url: `/api/v1/sessions/${sessionId}/notes/comments`, headers: as(user) });
  const comment = (user: TestUser | undefined, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/notes/comments`,
      headers: as(user),
      payload,
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    facilitator = await registerUser(t.app, 'Florent');
    member = await registerUser(t.app, 'Bernard');
    outsider = await registerUser(t.app, 'Outsider');
    const community = await buildCommunity(t.app, facilitator);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${community.slug}/members`,
      headers: as(member),
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${community.slug}/members`,
      headers: as(outsider),
    });
    const circle = await buildCircle(t.app, facilitator, community.slug, {
      visibility: 'private',
      name: 'Équipe',
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circle.id}/members`,
      headers: as(facilitator),
      payload: { userId: member.id },
    });
    sessionId = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/circles/${circle.id}/sessions`,
        headers: as(facilitator),
        payload: {
          title: 'Séance',
          startsAt: '2026-12-15T09:00:00+01:00',
          endsAt: '2026-12-15T11:00:00+01:00',
        },
      })
    ).json().id;
  });
  afterAll(() => t.close());

  it('lets members comment a passage, see each other’s comments and resolve them', async () => {
    const created = await comment(member, {
      body: '  Qui s’en charge ?  ',
      quote: 'Créer le sondage',
      anchor,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      body: 'Qui s’en charge ?',
      quote: 'Créer le sondage',
      anchor,
      author: { id: member.id, name: member.name },
      resolvedAt: null,
      isMine: true,
    });
    const seen = (await comments(facilitator)).json().items;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ body: 'Qui s’en charge ?', isMine: false });

    const resolved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/notes/comments/${seen[0].id}/resolve`,
      headers: as(facilitator),
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ resolvedBy: { id: facilitator.id, name: facilitator.name } });
    expect((await comments(member)).json().items[0].resolvedAt).not.toBeNull();
  });

  it('refuses bad input with a 400 and hides everything from those outside the circle', async () => {
    for (const payload of [
      { body: '', quote: '', anchor },
      { body: 'x'.repeat(2001), quote: '', anchor },
      { body: 'x', quote: '', anchor: { start: '<script>', end: 'AQ==' } },
      { body: 'x', quote: '', anchor, extra: true },
    ]) {
      expect((await comment(member, payload)).statusCode).toBe(400);
    }
    const existing = (await comments(member)).json().items[0].id;
    for (const user of [outsider]) {
      expect((await comments(user)).statusCode).toBe(404);
      expect((await comment(user, { body: 'x', quote: '', anchor })).statusCode).toBe(404);
      const resolve = await t.app.inject({
        method: 'POST',
        url: `/api/v1/sessions/${sessionId}/notes/comments/${existing}/resolve`,
        headers: as(user),
      });
      expect(resolve.statusCode).toBe(404);
      expect(resolve.body).not.toContain('sondage');
    }
    expect((await comments()).statusCode).toBe(401);
    const unknown = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/notes/comments/nope/resolve`,
      headers: as(member),
    });
    expect(unknown.statusCode).toBe(404);
  });
});
