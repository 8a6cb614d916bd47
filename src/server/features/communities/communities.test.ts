import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommunity, createTestApp, registerUser, type TestApp } from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

describe.each(testDialects())('communities on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  const join = (slug: string, cookie: string, payload: object = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${slug}/members`,
      headers: { cookie },
      payload,
    });

  it('creates a community whose creator is its animator, with a public page', async () => {
    const owner = await registerUser(t.app);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communities',
      payload: { name: 'Riposte Gironde', slug: 'riposte-gironde', joinPolicy: 'open' },
    });
    expect(anonymous.statusCode).toBe(401);

    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communities',
      headers: { cookie: owner.cookie },
      payload: {
        name: 'Riposte Gironde',
        slug: 'riposte-gironde',
        description: 'Les cercles de Gironde',
        charter: 'Bienveillance',
        joinPolicy: 'request',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      slug: 'riposte-gironde',
      joinPolicy: 'request',
      memberCount: 1,
      myRole: 'animator',
      myStatus: 'active',
    });
    expect(created.json()).not.toHaveProperty('inviteCode');

    const page = await t.app.inject({ url: '/api/v1/communities/riposte-gironde' });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ name: 'Riposte Gironde', charter: 'Bienveillance', myRole: null });
    expect((await t.app.inject({ url: '/api/v1/communities/nope-nope' })).statusCode).toBe(404);

    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communities',
      headers: { cookie: owner.cookie },
      payload: { name: 'Again', slug: 'riposte-gironde', joinPolicy: 'open' },
    });
    expect(duplicate.statusCode).toBe(409);
    for (const payload of [
      { name: 'Bad', slug: 'Bad Slug', joinPolicy: 'open' },
      { name: 'Bad', slug: 'ok-slug', joinPolicy: 'everyone' },
      { name: '', slug: 'ok-slug' },
      { slug: 'ok-slug' },
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/communities',
        headers: { cookie: owner.cookie },
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('lets people join an open community, ask to join one on request, and only with an invite otherwise', async () => {
    const owner = await registerUser(t.app);
    const newcomer = await registerUser(t.app);
    const open = await buildCommunity(t.app, owner, { joinPolicy: 'open' });
    const onRequest = await buildCommunity(t.app, owner, { joinPolicy: 'request' });
    const invitation = await buildCommunity(t.app, owner, { joinPolicy: 'invitation' });

    const joined = await join(open.slug, newcomer.cookie);
    expect(joined.statusCode).toBe(201);
    expect(joined.json()).toEqual({ status: 'active' });
    expect((await join(open.slug, newcomer.cookie)).json()).toEqual({ status: 'active' });

    expect((await join(onRequest.slug, newcomer.cookie)).json()).toEqual({ status: 'requested' });
    const pending = await t.app.inject({
      url: `/api/v1/communities/${onRequest.slug}/members`,
      headers: { cookie: owner.cookie },
    });
    expect(
      pending
        .json()
        .items.map((m: { status: string }) => m.status)
        .sort(),
    ).toEqual(['active', 'requested']);
    const approve = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/communities/${onRequest.slug}/members/${newcomer.id}`,
      headers: { cookie: newcomer.cookie },
      payload: { status: 'active' },
    });
    expect(approve.statusCode).toBe(403);
    const approved = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/communities/${onRequest.slug}/members/${newcomer.id}`,
      headers: { cookie: owner.cookie },
      payload: { status: 'active' },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ id: newcomer.id, status: 'active', role: 'member' });

    const refused = await join(invitation.slug, newcomer.cookie);
    expect(refused.statusCode).toBe(403);
    const wrongCode = await join(invitation.slug, newcomer.cookie, { inviteCode: 'guess' });
    expect(wrongCode.statusCode).toBe(403);
    const link = await t.app.inject({
      url: `/api/v1/communities/${invitation.slug}/invite`,
      headers: { cookie: owner.cookie },
    });
    expect(link.json().url).toBe(`http://archipel.test/join/${invitation.slug}?code=${link.json().code}`);
    expect(
      (
        await t.app.inject({
          url: `/api/v1/communities/${invitation.slug}/invite`,
          headers: { cookie: newcomer.cookie },
        })
      ).statusCode,
    ).toBe(403);

    const rotated = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${invitation.slug}/invite/rotate`,
      headers: { cookie: owner.cookie },
    });
    expect(rotated.json().code).not.toBe(link.json().code);
    expect((await join(invitation.slug, newcomer.cookie, { inviteCode: link.json().code })).statusCode).toBe(
      403,
    );
    const invited = await join(invitation.slug, newcomer.cookie, { inviteCode: rotated.json().code });
    expect(invited.json()).toEqual({ status: 'active' });
  });

  it('shows the member directory to members only, without e-mail addresses', async () => {
    const owner = await registerUser(t.app, 'Nadia');
    const member = await registerUser(t.app, 'Marion');
    const outsider = await registerUser(t.app);
    const community = await buildCommunity(t.app, owner);
    await join(community.slug, member.cookie);
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: member.cookie },
      payload: { organisation: 'CD33' },
    });

    const directory = await t.app.inject({
      url: `/api/v1/communities/${community.slug}/members`,
      headers: { cookie: member.cookie },
    });
    expect(directory.statusCode).toBe(200);
    expect(directory.json().items.map((m: { name: string }) => m.name)).toEqual(['Marion', 'Nadia']);
    expect(directory.body).not.toContain('@');
    expect(directory.json().items[0]).toMatchObject({ organisation: 'CD33', role: 'member' });

    expect(
      (
        await t.app.inject({
          url: `/api/v1/communities/${community.slug}/members`,
          headers: { cookie: outsider.cookie },
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/communities/${community.slug}/members` })).statusCode).toBe(
      401,
    );
  });

  it('lists my communities, and keeps at least one animator', async () => {
    const owner = await registerUser(t.app);
    const member = await registerUser(t.app);
    const community = await buildCommunity(t.app, owner);
    await join(community.slug, member.cookie);

    const mine = await t.app.inject({
      url: '/api/v1/communities?mine=true',
      headers: { cookie: member.cookie },
    });
    expect(mine.json().items.map((c: { slug: string }) => c.slug)).toEqual([community.slug]);
    expect((await t.app.inject({ url: '/api/v1/communities?mine=true' })).statusCode).toBe(401);

    const lastAnimatorLeaves = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/communities/${community.slug}/members/me`,
      headers: { cookie: owner.cookie },
    });
    expect(lastAnimatorLeaves.statusCode).toBe(409);

    const promote = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/communities/${community.slug}/members/${member.id}`,
      headers: { cookie: owner.cookie },
      payload: { role: 'animator' },
    });
    expect(promote.json().role).toBe('animator');
    const leaves = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/communities/${community.slug}/members/me`,
      headers: { cookie: owner.cookie },
    });
    expect(leaves.statusCode).toBe(204);
    const page = await t.app.inject({
      url: `/api/v1/communities/${community.slug}`,
      headers: { cookie: owner.cookie },
    });
    expect(page.json()).toMatchObject({ myRole: null, memberCount: 1 });
  });
});
