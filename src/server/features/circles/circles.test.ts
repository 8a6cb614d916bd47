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

describe.each(testDialects())('circles on %s', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let community: { slug: string };
  beforeAll(async () => {
    t = await createTestApp(dialect);
    owner = await registerUser(t.app, 'Florent');
    community = await buildCommunity(t.app, owner);
  });
  afterAll(() => t.close());

  const joinCommunity = (user: TestUser) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${community.slug}/members`,
      headers: { cookie: user.cookie },
    });
  const joinCircle = (circleId: string, user: TestUser, payload: object = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circleId}/members`,
      headers: { cookie: user.cookie },
      payload,
    });
  const members = async (circleId: string, viewer: TestUser = owner) =>
    (
      await t.app.inject({ url: `/api/v1/circles/${circleId}/members`, headers: { cookie: viewer.cookie } })
    ).json().items as {
      id: string;
      name: string;
      status: string;
      role: string;
      waitlistPosition: number | null;
    }[];

  it('creates a circle (community members only) facilitated by its creator', async () => {
    const outsider = await registerUser(t.app);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${community.slug}/circles`,
      headers: { cookie: outsider.cookie },
      payload: { name: 'Cercle Codev', kind: 'learning_circle', visibility: 'public' },
    });
    expect(refused.statusCode).toBe(403);

    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/communities/${community.slug}/circles`,
      headers: { cookie: owner.cookie },
      payload: {
        name: 'Cercle Codev',
        kind: 'learning_circle',
        method: 'codev',
        intention: 'Se consulter entre pairs',
        capacity: 12,
        visibility: 'public',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Cercle Codev',
      method: 'codev',
      capacity: 12,
      status: 'forming',
      memberCount: 0,
      facilitatorCount: 1,
      myRole: 'facilitator',
      myStatus: 'member',
      communitySlug: community.slug,
    });

    for (const payload of [
      { name: 'X', kind: 'learning_circle', visibility: 'public' },
      { name: 'Valid name', kind: 'book_club', visibility: 'public' },
      { name: 'Valid name', kind: 'learning_circle', visibility: 'secret' },
      { name: 'Valid name', kind: 'learning_circle', capacity: 0 },
      { name: 'Valid name', kind: 'learning_circle', capacity: 'twelve' },
      { name: 'Valid name', kind: 'learning_circle', method: 'yoga' },
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/communities/${community.slug}/circles`,
        headers: { cookie: owner.cookie },
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('INVALID_INPUT');
    }
  });

  it('holds capacity under 30 simultaneous joins: exactly 12 members and 18 waitlisted in arrival order', async () => {
    const circle = await buildCircle(t.app, owner, community.slug, { capacity: 12 });
    const people = await Promise.all(
      Array.from({ length: 30 }, (_, i) => registerUser(t.app, `Joiner ${i}`)),
    );
    for (const person of people) await joinCommunity(person);
    const results = await Promise.all(people.map((person) => joinCircle(circle.id, person)));
    const statuses = results.map((response) => response.json().status);
    expect(statuses.filter((s) => s === 'member')).toHaveLength(12);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(18);

    const list = await members(circle.id);
    expect(list.filter((m) => m.status === 'member' && m.role === 'member')).toHaveLength(12);
    const waitlist = list.filter((m) => m.status === 'waitlisted');
    expect(waitlist.map((m) => m.waitlistPosition)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    const circleDto = (await t.app.inject({ url: `/api/v1/circles/${circle.id}` })).json();
    expect(circleDto).toMatchObject({ memberCount: 12, waitlistCount: 18 });

    // A member leaves: the first waitlisted person takes the place, the others move up.
    const leaver = people[statuses.indexOf('member')];
    if (!leaver) throw new Error('no member');
    const leave = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/circles/${circle.id}/members/me`,
      headers: { cookie: leaver.cookie },
    });
    expect(leave.statusCode).toBe(204);
    const after = await members(circle.id);
    const firstWaiting = waitlist[0];
    expect(after.find((m) => m.id === firstWaiting?.id)?.status).toBe('member');
    expect(after.filter((m) => m.status === 'member' && m.role === 'member')).toHaveLength(12);
    expect(after.filter((m) => m.status === 'waitlisted')).toHaveLength(17);
    expect(after.find((m) => m.id === waitlist[1]?.id)?.waitlistPosition).toBe(1);
    // The promoted person is told by mail, with a link to the circle.
    const promotedPerson = people.find((p) => p.id === firstWaiting?.id);
    await t.runJobs();
    const mails = await t.database.db
      .selectFrom('outboxMessages')
      .selectAll()
      .where('toAddress', '=', promotedPerson?.email ?? '')
      // Registering also sent the address check, an account mail.
      .where('subject', 'like', '%place%')
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain('Une place s');
    expect(mails[0]?.textBody).toContain(`http://archipel.test/circles/${circle.id}`);

    // Raising the capacity lets the next two in, in order.
    const raised = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/circles/${circle.id}`,
      headers: { cookie: owner.cookie },
      payload: { capacity: 14 },
    });
    expect(raised.json()).toMatchObject({ capacity: 14, memberCount: 14, waitlistCount: 15 });
    const promoted = (await members(circle.id)).filter((m) =>
      [waitlist[1]?.id, waitlist[2]?.id].includes(m.id),
    );
    expect(promoted.map((m) => m.status)).toEqual(['member', 'member']);
  });

  it('hides a private circle from non-members on every route with 404', async () => {
    const member = await registerUser(t.app);
    const outsider = await registerUser(t.app);
    await joinCommunity(member);
    await joinCommunity(outsider);
    const circle = await buildCircle(t.app, owner, community.slug, {
      visibility: 'private',
      name: 'Cercle privé',
    });
    const added = await joinCircle(circle.id, owner, { userId: member.id });
    expect(added.json()).toEqual({ status: 'member' });

    const routes = [
      { method: 'GET' as const, url: `/api/v1/circles/${circle.id}` },
      { method: 'PATCH' as const, url: `/api/v1/circles/${circle.id}`, payload: { name: 'Renamed circle' } },
      { method: 'GET' as const, url: `/api/v1/circles/${circle.id}/members` },
      { method: 'POST' as const, url: `/api/v1/circles/${circle.id}/members`, payload: {} },
      {
        method: 'PATCH' as const,
        url: `/api/v1/circles/${circle.id}/members/${member.id}`,
        payload: { role: 'member' },
      },
      { method: 'DELETE' as const, url: `/api/v1/circles/${circle.id}/members/me` },
      { method: 'DELETE' as const, url: `/api/v1/circles/${circle.id}/members/${member.id}` },
    ];
    for (const route of routes) {
      const asOutsider = await t.app.inject({ ...route, headers: { cookie: outsider.cookie } });
      expect(asOutsider.statusCode, `${route.method} ${route.url}`).toBe(404);
      expect(asOutsider.json().error.code).toBe('NOT_FOUND');
      const asVisitor = await t.app.inject(route);
      expect([401, 404], `${route.method} ${route.url}`).toContain(asVisitor.statusCode);
      expect(asVisitor.body).not.toContain('Cercle privé');
    }
    const listed = await t.app.inject({
      url: `/api/v1/communities/${community.slug}/circles`,
      headers: { cookie: outsider.cookie },
    });
    expect(listed.body).not.toContain('Cercle privé');
    const asMember = await t.app.inject({
      url: `/api/v1/circles/${circle.id}`,
      headers: { cookie: member.cookie },
    });
    expect(asMember.json()).toMatchObject({ name: 'Cercle privé', myStatus: 'member' });
  });

  it('shows a community circle to community members only', async () => {
    const stranger = await registerUser(t.app);
    const circle = await buildCircle(t.app, owner, community.slug, { visibility: 'community' });
    expect((await t.app.inject({ url: `/api/v1/circles/${circle.id}` })).statusCode).toBe(404);
    expect((await joinCircle(circle.id, stranger)).statusCode).toBe(404);
    await joinCommunity(stranger);
    expect((await joinCircle(circle.id, stranger)).json()).toEqual({ status: 'member' });
  });

  it('asks for approval when the circle says so, and refuses joins once closed', async () => {
    const applicant = await registerUser(t.app);
    await joinCommunity(applicant);
    const circle = await buildCircle(t.app, owner, community.slug, { joinPolicy: 'request', capacity: 2 });
    expect((await joinCircle(circle.id, applicant)).json()).toEqual({ status: 'requested' });
    expect((await members(circle.id, applicant)).map((m) => m.id)).not.toContain(applicant.id);
    const selfApproval = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/circles/${circle.id}/members/${applicant.id}`,
      headers: { cookie: applicant.cookie },
      payload: { status: 'member' },
    });
    expect(selfApproval.statusCode).toBe(403);
    const approved = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/circles/${circle.id}/members/${applicant.id}`,
      headers: { cookie: owner.cookie },
      payload: { status: 'member' },
    });
    expect(approved.json()).toMatchObject({ status: 'member', role: 'member' });

    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/circles/${circle.id}`,
      headers: { cookie: owner.cookie },
      payload: { status: 'closed' },
    });
    const late = await registerUser(t.app);
    await joinCommunity(late);
    const refused = await joinCircle(circle.id, late);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CONFLICT');
  });

  it('keeps a facilitator while the circle has members, and lists my circles', async () => {
    const member = await registerUser(t.app);
    await joinCommunity(member);
    const circle = await buildCircle(t.app, owner, community.slug);
    await joinCircle(circle.id, member);
    const leave = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/circles/${circle.id}/members/me`,
      headers: { cookie: owner.cookie },
    });
    expect(leave.statusCode).toBe(409);
    const mine = await t.app.inject({ url: '/api/v1/me/circles', headers: { cookie: member.cookie } });
    expect(mine.json().items.map((c: { id: string }) => c.id)).toEqual([circle.id]);
    const removeByMember = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/circles/${circle.id}/members/${owner.id}`,
      headers: { cookie: member.cookie },
    });
    expect(removeByMember.statusCode).toBe(403);
  });

  it('requires joining the community before one of its circles, even a public one', async () => {
    const stranger = await registerUser(t.app);
    const circle = await buildCircle(t.app, owner, community.slug, { visibility: 'public' });
    const refused = await joinCircle(circle.id, stranger);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
    await joinCommunity(stranger);
    expect((await joinCircle(circle.id, stranger)).json()).toEqual({ status: 'member' });
  });

  it('takes people out of the community’s circles when they leave it, promoting the waitlist', async () => {
    const [leaver, waiting] = await Promise.all([registerUser(t.app), registerUser(t.app)]);
    if (!leaver || !waiting) throw new Error('users');
    await joinCommunity(leaver);
    await joinCommunity(waiting);
    const full = await buildCircle(t.app, owner, community.slug, { capacity: 1 });
    const secret = await buildCircle(t.app, owner, community.slug, { visibility: 'private' });
    await joinCircle(full.id, leaver);
    await joinCircle(full.id, waiting);
    await joinCircle(secret.id, owner, { userId: leaver.id });
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/communities/${community.slug}/members/${leaver.id}`,
      headers: { cookie: owner.cookie },
    });
    expect(removed.statusCode).toBe(204);
    const hidden = await t.app.inject({
      url: `/api/v1/circles/${secret.id}`,
      headers: { cookie: leaver.cookie },
    });
    expect(hidden.statusCode).toBe(404);
    const list = await members(full.id);
    expect(list.map((m) => m.id)).not.toContain(leaver.id);
    expect(list.find((m) => m.id === waiting.id)?.status).toBe('member');
  });

  it('keeps roles and the waitlist in order: no waitlisted facilitator, no demotion past capacity', async () => {
    const [first, second] = await Promise.all([registerUser(t.app), registerUser(t.app)]);
    if (!first || !second) throw new Error('users');
    for (const person of [first, second]) await joinCommunity(person);
    const circle = await buildCircle(t.app, owner, community.slug, { capacity: 1 });
    await joinCircle(circle.id, first);
    await joinCircle(circle.id, second);
    const patchMember = (userId: string, payload: object) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/circles/${circle.id}/members/${userId}`,
        headers: { cookie: owner.cookie },
        payload,
      });
    expect((await patchMember(second.id, { role: 'facilitator' })).statusCode).toBe(409);
    // Naming the only participant facilitator frees their place for the waitlist.
    expect((await patchMember(first.id, { role: 'facilitator' })).json()).toMatchObject({
      role: 'facilitator',
    });
    expect((await members(circle.id)).find((m) => m.id === second.id)?.status).toBe('member');
    // Making them a participant again would exceed the capacity.
    expect((await patchMember(first.id, { role: 'member' })).statusCode).toBe(409);
  });

  it('sends approved requests to the back of the waitlist and takes nobody into a closed circle', async () => {
    const [requester, waiting, member] = await Promise.all([
      registerUser(t.app),
      registerUser(t.app),
      registerUser(t.app),
    ]);
    if (!requester || !waiting || !member) throw new Error('users');
    for (const person of [requester, waiting, member]) await joinCommunity(person);
    const circle = await buildCircle(t.app, owner, community.slug, { capacity: 1, joinPolicy: 'request' });
    const approve = (userId: string) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/circles/${circle.id}/members/${userId}`,
        headers: { cookie: owner.cookie },
        payload: { status: 'member' },
      });
    await joinCircle(circle.id, requester);
    await joinCircle(circle.id, member);
    await joinCircle(circle.id, waiting);
    expect((await approve(member.id)).json().status).toBe('member');
    expect((await approve(waiting.id)).json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    // The oldest request, approved last, queues behind the person already waiting.
    expect((await approve(requester.id)).json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });

    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/circles/${circle.id}`,
      headers: { cookie: owner.cookie },
      payload: { status: 'closed' },
    });
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/circles/${circle.id}/members/me`,
      headers: { cookie: member.cookie },
    });
    const after = await members(circle.id);
    expect(after.filter((m) => m.status === 'member' && m.role === 'member')).toHaveLength(0);
    expect(after.filter((m) => m.status === 'waitlisted')).toHaveLength(2);
  });

  it('answers an animator who makes a circle private with the result, and hides private circles from admins', async () => {
    const animator = await registerUser(t.app);
    await joinCommunity(animator);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/communities/${community.slug}/members/${animator.id}`,
      headers: { cookie: owner.cookie },
      payload: { role: 'animator' },
    });
    const circle = await buildCircle(t.app, owner, community.slug, { visibility: 'community' });
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/circles/${circle.id}`,
      headers: { cookie: animator.cookie },
      payload: { visibility: 'private' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().visibility).toBe('private');
    const afterwards = await t.app.inject({
      url: `/api/v1/circles/${circle.id}`,
      headers: { cookie: animator.cookie },
    });
    expect(afterwards.statusCode).toBe(404);
    // The instance admin (the owner: the first account of this database) does not see a private
    // circle they have no standing in.
    const ownersView = await t.app.inject({ url: '/api/v1/me', headers: { cookie: owner.cookie } });
    expect(ownersView.json().user.isAdmin).toBe(true);
    const secret = await buildCircle(t.app, animator, community.slug, {
      visibility: 'private',
      name: 'Cercle secret',
    });
    const asAdmin = await t.app.inject({
      url: `/api/v1/circles/${secret.id}`,
      headers: { cookie: owner.cookie },
    });
    expect(asAdmin.statusCode).toBe(404);
  });
});
