import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlaceholder } from '../../testing/placeholder-factory.ts';
import {
  addToCircle,
  buildCircle,
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

describe.each(testDialects())('naming animators and facilitators on %s', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let animator: TestUser;
  let community: { id: string; slug: string };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await registerUser(t.app, 'Admin');
    animator = await registerUser(t.app, 'Sandrine');
    community = await buildCommunity(t.app, animator);
  });
  afterAll(() => t.close());

  const nameAnimator = (by: TestUser, userId: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${community.slug}/animators`,
      headers: { cookie: by.cookie },
      payload: { userId },
    });
  const nameFacilitator = (by: TestUser, circleId: string, userId: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circleId}/facilitators`,
      headers: { cookie: by.cookie },
      payload: { userId },
    });

  describe('POST /communities/:slug/animators', () => {
    it('lets an animator name a member, and refuses outsiders and members', async () => {
      const member = await registerUser(t.app, 'Philippe');
      const outsider = await registerUser(t.app, 'Dehors');
      await joinCommunity(t.app, member, community.slug);
      const notMember = await nameAnimator(animator, outsider.id);
      expect(notMember.statusCode).toBe(400);
      expect(notMember.json().error.details).toEqual([
        { path: ['body', 'userId'], message: 'not a community member' },
      ]);
      expect((await nameAnimator(member, member.id)).statusCode).toBe(403);
      const named = await nameAnimator(animator, member.id);
      expect(named.statusCode).toBe(200);
      expect(named.json()).toMatchObject({ id: member.id, role: 'animator', status: 'active' });
      // Removing animators keeps the existing rule: one stays.
      const demoted = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/communities/${community.slug}/members/${member.id}`,
        headers: { cookie: animator.cookie },
        payload: { role: 'member' },
      });
      expect(demoted.statusCode).toBe(200);
      const last = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/communities/${community.slug}/members/${animator.id}`,
        headers: { cookie: admin.cookie },
        payload: { role: 'member' },
      });
      expect(last.statusCode).toBe(409);
    });

    it('lets an instance admin name any account, who sees no private circle by that', async () => {
      const secret = await buildCircle(t.app, animator, community.slug, { visibility: 'private' });
      const chosen = await registerUser(t.app, 'Nommée');
      const named = await nameAnimator(admin, chosen.id);
      expect(named.statusCode).toBe(200);
      expect(named.json()).toMatchObject({ role: 'animator', status: 'active' });
      const view = await t.app.inject({
        url: `/api/v1/circles/${secret.id}`,
        headers: { cookie: chosen.cookie },
      });
      expect(view.statusCode).toBe(404);
      const placeholder = await buildPlaceholder(t.database.db, {
        name: 'Fantôme',
        communityId: community.id,
      });
      expect((await nameAnimator(admin, placeholder.id)).json().error.details).toEqual([
        { path: ['body', 'userId'], message: 'placeholder' },
      ]);
      expect((await nameAnimator(admin, 'nobody')).statusCode).toBe(400);
      const malformed = await t.app.inject({
        method: 'POST',
        url: `/api/v1/communities/${community.slug}/animators`,
        headers: { cookie: admin.cookie },
        payload: { userId: 42 },
      });
      expect(malformed.statusCode).toBe(400);
    });
  });

  describe('POST /circles/:id/facilitators', () => {
    it('names a community member facilitator, even in a full circle, and lets the waitlist in', async () => {
      const facilitator = await registerUser(t.app, 'Florent');
      await joinCommunity(t.app, facilitator, community.slug);
      const circle = await buildCircle(t.app, facilitator, community.slug, { capacity: 1 });
      const [first, second, newcomer] = [
        await registerUser(t.app, 'Un'),
        await registerUser(t.app, 'Deux'),
        await registerUser(t.app, 'Trois'),
      ];
      for (const person of [first, second, newcomer]) await joinCommunity(t.app, person, community.slug);
      await addToCircle(t.app, facilitator, circle.id, first);
      expect((await addToCircle(t.app, facilitator, circle.id, second)).status).toBe('waitlisted');

      const full = await nameFacilitator(facilitator, circle.id, newcomer.id);
      expect(full.statusCode).toBe(200);
      expect(full.json()).toMatchObject({ id: newcomer.id, role: 'facilitator', status: 'member' });
      const promoted = await nameFacilitator(facilitator, circle.id, first.id);
      expect(promoted.json()).toMatchObject({ role: 'facilitator' });
      const members = (await t.app.inject({ url: `/api/v1/circles/${circle.id}/members` })).json().items as {
        id: string;
        status: string;
      }[];
      expect(members.find((m) => m.id === second.id)?.status).toBe('member');

      expect((await nameFacilitator(second, circle.id, second.id)).statusCode).toBe(403);
      const outsider = await registerUser(t.app, 'Dehors');
      expect((await nameFacilitator(facilitator, circle.id, outsider.id)).statusCode).toBe(400);
      expect((await nameFacilitator(facilitator, 'no-such-circle', first.id)).statusCode).toBe(404);
    });
  });

  describe('GET /admin/users', () => {
    it('finds accounts by name or address for admins only, placeholders left out on demand', async () => {
      await buildPlaceholder(t.database.db, { name: 'Sandrine Fantôme', communityId: community.id });
      const found = await t.app.inject({
        url: '/api/v1/admin/users?q=SANDR',
        headers: { cookie: admin.cookie },
      });
      expect(found.json().items).toContainEqual(
        expect.objectContaining({ id: animator.id, name: 'Sandrine', email: animator.email }),
      );
      const accounts = await t.app.inject({
        url: '/api/v1/admin/users?accounts=only&q=SANDR',
        headers: { cookie: admin.cookie },
      });
      expect(accounts.json().items).toEqual([
        expect.objectContaining({ id: animator.id, name: 'Sandrine', email: animator.email }),
      ]);
      const literal = await t.app.inject({
        url: '/api/v1/admin/users?q=%25',
        headers: { cookie: admin.cookie },
      });
      expect(literal.json().items).toEqual([]);
      expect(
        (await t.app.inject({ url: '/api/v1/admin/users?q=a', headers: { cookie: animator.cookie } }))
          .statusCode,
      ).toBe(404);
    });
  });
});
