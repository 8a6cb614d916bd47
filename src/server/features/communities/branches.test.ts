import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

describe.each(testDialects())('territorial branches on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  let counter = 0;
  const createBranch = (user: TestUser, parentSlug: string, extra: object = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/communities',
      headers: { cookie: user.cookie },
      payload: { name: 'Riposte Gironde', slug: `gironde-${++counter}`, parentSlug, ...extra },
    });
  const join = (user: TestUser, slug: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${slug}/members`,
      headers: { cookie: user.cookie },
    });
  const branchesOf = (slug: string, user?: TestUser) =>
    t.app.inject({
      url: `/api/v1/communities/${slug}/branches`,
      ...(user && { headers: { cookie: user.cookie } }),
    });

  it('lets an animator of the parent create a branch, and nobody a branch of a branch', async () => {
    const animator = await registerUser(t.app);
    const member = await registerUser(t.app);
    const parent = await buildCommunity(t.app, animator);
    await joinCommunity(t.app, member, parent.slug);

    expect((await createBranch(member, parent.slug)).statusCode).toBe(403);
    expect((await createBranch(animator, 'no-such-parent')).statusCode).toBe(404);

    const created = await createBranch(animator, parent.slug, {
      joinPolicy: 'request',
      timeZone: 'America/Cayenne',
    });
    expect(created.statusCode).toBe(201);
    const branch = created.json();
    expect(branch).toMatchObject({
      joinPolicy: 'request',
      timeZone: 'America/Cayenne',
      myRole: 'animator',
      memberCount: 1,
      parent: { slug: parent.slug, name: parent.name, myStatus: 'active' },
    });
    const page = await t.app.inject({ url: `/api/v1/communities/${branch.slug}` });
    expect(page.json().parent).toEqual({ slug: parent.slug, name: parent.name, myStatus: null });
    expect((await t.app.inject({ url: `/api/v1/communities/${parent.slug}` })).json()).not.toHaveProperty(
      'parent',
    );

    const nested = await createBranch(animator, branch.slug);
    expect(nested.statusCode).toBe(409);
    expect(nested.json().error.code).toBe('CONFLICT');
  });

  it('lists a community’s branches, with who may join them in one step', async () => {
    const animator = await registerUser(t.app);
    const member = await registerUser(t.app);
    const outsider = await registerUser(t.app);
    const parent = await buildCommunity(t.app, animator);
    await joinCommunity(t.app, member, parent.slug);
    const onRequest = (
      await createBranch(animator, parent.slug, { name: 'B request', joinPolicy: 'request' })
    ).json();
    const invitation = (
      await createBranch(animator, parent.slug, { name: 'A invitation', joinPolicy: 'invitation' })
    ).json();

    const forMember = await branchesOf(parent.slug, member);
    expect(forMember.statusCode).toBe(200);
    expect(forMember.json().items).toMatchObject([
      {
        slug: invitation.slug,
        joinPolicy: 'invitation',
        memberCount: 1,
        myStatus: null,
        joinsInOneStep: false,
      },
      { slug: onRequest.slug, joinPolicy: 'request', myStatus: null, joinsInOneStep: true },
    ]);
    const forOutsider = (await branchesOf(parent.slug, outsider)).json().items;
    expect(forOutsider.map((b: { joinsInOneStep: boolean }) => b.joinsInOneStep)).toEqual([false, false]);
    expect((await branchesOf(parent.slug)).json().items).toHaveLength(2);
    expect((await branchesOf(onRequest.slug)).json().items).toEqual([]);
    expect((await branchesOf('no-such-community')).statusCode).toBe(404);
  });

  it('joins a member of the parent in one step, never past an invitation-only branch', async () => {
    const animator = await registerUser(t.app);
    const member = await registerUser(t.app);
    const outsider = await registerUser(t.app);
    const parent = await buildCommunity(t.app, animator);
    await joinCommunity(t.app, member, parent.slug);
    const onRequest = (await createBranch(animator, parent.slug, { joinPolicy: 'request' })).json();
    const invitation = (await createBranch(animator, parent.slug, { joinPolicy: 'invitation' })).json();

    const joined = await join(member, onRequest.slug);
    expect(joined.statusCode).toBe(201);
    expect(joined.json()).toEqual({ status: 'active' });
    expect((await join(outsider, onRequest.slug)).json()).toEqual({ status: 'requested' });
    expect((await join(member, invitation.slug)).statusCode).toBe(403);

    // Someone who asked before joining the parent is let in once they are a member there.
    await joinCommunity(t.app, outsider, parent.slug);
    const again = await join(outsider, onRequest.slug);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ status: 'active' });
    const listed = (await branchesOf(parent.slug, member)).json().items;
    expect(listed.find((b: { slug: string }) => b.slug === onRequest.slug)).toMatchObject({
      memberCount: 3,
      myStatus: 'active',
      joinsInOneStep: false,
    });
  });

  it('keeps branch membership when someone leaves the parent', async () => {
    const animator = await registerUser(t.app);
    const member = await registerUser(t.app);
    const parent = await buildCommunity(t.app, animator);
    await joinCommunity(t.app, member, parent.slug);
    const branch = (await createBranch(animator, parent.slug, { joinPolicy: 'request' })).json();
    await join(member, branch.slug);
    const left = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/communities/${parent.slug}/members/me`,
      headers: { cookie: member.cookie },
    });
    expect(left.statusCode).toBe(204);
    const page = await t.app.inject({
      url: `/api/v1/communities/${branch.slug}`,
      headers: { cookie: member.cookie },
    });
    expect(page.json()).toMatchObject({ myStatus: 'active', myRole: 'member' });
  });
});
