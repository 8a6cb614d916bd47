import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleDto } from '../../../contract/challenge.ts';
import {
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';
import { getEventAccess } from './event-access.ts';
import { createEvent } from './events.commands.ts';
import { eventDetail } from './events.queries.ts';

describe.each(testDialects())('roles of an event on %s', (dialect) => {
  let t: TestApp;
  let animator: TestUser;
  let members: TestUser[];
  let outsider: TestUser;
  let slug: string;
  let publicEventId: string;
  let communityEventId: string;
  const as = (user: TestUser | undefined) => (user ? { cookie: user.cookie } : {});
  const create = (eventId: string, payload: object, user: TestUser = animator) =>
    t.app.inject({ method: 'POST', url: `/api/v1/events/${eventId}/roles`, headers: as(user), payload });
  const take = (id: string, user: TestUser | undefined) =>
    t.app.inject({ method: 'POST', url: `/api/v1/event-roles/${id}/takers/me`, headers: as(user) });
  const release = (id: string, user: TestUser) =>
    t.app.inject({ method: 'DELETE', url: `/api/v1/event-roles/${id}/takers/me`, headers: as(user) });
  const list = async (eventId: string, user: TestUser | undefined) =>
    t.app.inject({ url: `/api/v1/events/${eventId}/roles`, headers: as(user) });
  const newEvent = (visibility: 'public' | 'community', communityId: string) =>
    createEvent(t.database.db, communityId, animator.id, {
      title: `Journée ${visibility}`,
      description: '',
      startsAt: '2027-11-18T08:00:00.000Z',
      endsAt: '2027-11-18T17:00:00.000Z',
      timeZone: 'Europe/Paris',
      visibility,
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    animator = await registerUser(t.app, 'Sandrine');
    outsider = await registerUser(t.app, 'Outsider');
    const community = await buildCommunity(t.app, animator);
    slug = community.slug;
    members = [];
    for (let index = 0; index < 8; index++) {
      const member = await registerUser(t.app, `Member ${index}`);
      await joinCommunity(t.app, member, slug);
      members.push(member);
    }
    publicEventId = await newEvent('public', community.id);
    communityEventId = await newEvent('community', community.id);
  });
  afterAll(() => t?.close());

  it('is added by organisers with the number of people it needs', async () => {
    const created = await create(publicEventId, { title: 'Porter la Riposte le jour J', needed: 2 });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      title: 'Porter la Riposte le jour J',
      description: '',
      needed: 2,
      takenCount: 0,
      takers: [],
      iTakeIt: false,
      abilities: { read: true, takePart: true, steer: true },
    });
    expect((await create(publicEventId, { title: 'X', needed: 0 })).statusCode).toBe(400);
    expect((await create(publicEventId, { title: '', needed: 1 })).statusCode).toBe(400);
    expect((await create(publicEventId, { title: 'X', needed: 1, extra: true })).statusCode).toBe(400);
    expect((await create(publicEventId, { title: 'X', needed: 1 }, members[0])).statusCode).toBe(403);
    expect((await create(communityEventId, { title: 'X', needed: 1 }, outsider)).statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/events/${publicEventId}/roles`,
          payload: { title: 'X', needed: 1 },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('is taken by members up to the number needed, then refused (409); released', async () => {
    const { id } = (await create(publicEventId, { title: 'Animer le forum ouvert', needed: 2 })).json();
    const [a, b, c] = members as [TestUser, TestUser, TestUser];
    expect((await take(id, a)).json()).toMatchObject({ takenCount: 1, iTakeIt: true });
    expect((await take(id, a)).json()).toMatchObject({ takenCount: 1, iTakeIt: true });
    const full: RoleDto = (await take(id, b)).json();
    expect(full.takers.map((person) => person.name)).toEqual(['Member 0', 'Member 1']);
    const refused = await take(id, c);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CONFLICT');
    expect((await release(id, a)).json()).toMatchObject({ takenCount: 1, iTakeIt: false });
    expect((await take(id, c)).statusCode).toBe(200);
    // Needing fewer people than took it is refused.
    const lower = (needed: number) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/event-roles/${id}`,
        headers: as(animator),
        payload: { needed },
      });
    expect((await lower(1)).statusCode).toBe(409);
    expect((await lower(3)).json()).toMatchObject({ needed: 3, takenCount: 2 });
    expect((await lower(0)).statusCode).toBe(400);
    const byMember = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/event-roles/${id}`,
      headers: as(a),
      payload: { title: 'Moi' },
    });
    expect(byMember.statusCode).toBe(403);
  });

  it('holds the number needed under simultaneous takes', async () => {
    const { id } = (await create(publicEventId, { title: 'Accueillir sur le site', needed: 3 })).json();
    const answers = await Promise.all(members.map((member) => take(id, member)));
    const codes = answers.map((answer) => answer.statusCode);
    expect(codes.filter((code) => code === 200)).toHaveLength(3);
    expect(codes.filter((code) => code === 409)).toHaveLength(5);
    const roles: RoleDto[] = (await list(publicEventId, animator)).json().items;
    expect(roles.find((role) => role.id === id)?.takenCount).toBe(3);
  });

  it('is taken by community members only, and their names are for members only', async () => {
    const { id } = (await create(publicEventId, { title: 'Tenir le stand', needed: 5 })).json();
    await take(id, members[0]);
    const outsiderTake = await take(id, outsider);
    expect(outsiderTake.statusCode).toBe(403);
    expect((await take(id, undefined)).statusCode).toBe(401);

    const outsiderList: RoleDto[] = (await list(publicEventId, outsider)).json().items;
    const seen = outsiderList.find((role) => role.id === id);
    expect(seen).toMatchObject({ takenCount: 1, takers: [], abilities: { read: true, takePart: false } });
    const anonymous = await list(publicEventId, undefined);
    expect(anonymous.statusCode).toBe(200);
    expect(JSON.stringify(anonymous.json())).not.toContain('Member 0');
    const memberList: RoleDto[] = (await list(publicEventId, members[1])).json().items;
    expect(memberList.find((role) => role.id === id)?.takers.map((person) => person.name)).toEqual([
      'Member 0',
    ]);

    const detail = await eventDetail(
      t.database.db,
      await getEventAccess(t.database.db, publicEventId, undefined),
      undefined,
    );
    expect(detail.roles.find((role) => role.id === id)).toMatchObject({ takenCount: 1, takers: [] });
  });

  it('hides a community event’s roles from outsiders (404)', async () => {
    const { id } = (await create(communityEventId, { title: 'Entre nous', needed: 1 })).json();
    expect((await take(id, outsider)).statusCode).toBe(404);
    expect((await list(communityEventId, outsider)).statusCode).toBe(404);
    expect((await list(communityEventId, undefined)).statusCode).toBe(404);
    const remove = (user: TestUser) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/event-roles/${id}`, headers: as(user) });
    expect((await remove(outsider)).statusCode).toBe(404);
    expect((await remove(members[0] as TestUser)).statusCode).toBe(403);
    expect((await remove(animator)).statusCode).toBe(204);
    expect((await take(id, members[0])).statusCode).toBe(404);
  });

  it('releases the roles of someone leaving the community', async () => {
    const leaver = await registerUser(t.app, 'Leaver');
    await joinCommunity(t.app, leaver, slug);
    const { id } = (await create(publicEventId, { title: 'Photographier', needed: 1 })).json();
    await take(id, leaver);
    const left = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/communities/${slug}/members/me`,
      headers: as(leaver),
    });
    expect(left.statusCode).toBe(204);
    const roles: RoleDto[] = (await list(publicEventId, animator)).json().items;
    expect(roles.find((role) => role.id === id)?.takenCount).toBe(0);
  });
});
