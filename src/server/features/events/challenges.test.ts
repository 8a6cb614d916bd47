import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChallengeDto } from '../../../contract/challenge.ts';
import { seedDemoChallenges } from '../../demo/demo-challenges.ts';
import { listenLive, openLiveClient } from '../../testing/live-client.ts';
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

describe.each(testDialects())('challenges of an event on %s', (dialect) => {
  let t: TestApp;
  let animator: TestUser;
  let carrier: TestUser;
  let members: TestUser[];
  let outsider: TestUser;
  let slug: string;
  let publicEventId: string;
  let communityEventId: string;
  const as = (user: TestUser | undefined) => (user ? { cookie: user.cookie } : {});
  const create = (eventId: string, payload: object, user: TestUser = animator) =>
    t.app.inject({ method: 'POST', url: `/api/v1/events/${eventId}/challenges`, headers: as(user), payload });
  const read = async (id: string, user: TestUser | undefined) =>
    t.app.inject({ url: `/api/v1/challenges/${id}`, headers: as(user) });
  const join = (id: string, user: TestUser, teamId?: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/challenges/${id}/teams/me`,
      headers: as(user),
      payload: teamId ? { teamId } : {},
    });
  const patch = (id: string, user: TestUser, payload: object) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/challenges/${id}`, headers: as(user), payload });
  const newEvent = (visibility: 'public' | 'community', communityId: string) =>
    createEvent(t.database.db, communityId, animator.id, {
      title: `Université ${visibility}`,
      description: '',
      startsAt: '2027-11-18T08:00:00.000Z',
      endsAt: '2027-11-18T17:00:00.000Z',
      timeZone: 'Europe/Paris',
      visibility,
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    animator = await registerUser(t.app, 'Sandrine');
    carrier = await registerUser(t.app, 'Bernard');
    outsider = await registerUser(t.app, 'Outsider');
    const community = await buildCommunity(t.app, animator);
    slug = community.slug;
    await joinCommunity(t.app, carrier, slug);
    members = [];
    for (let index = 0; index < 10; index++) {
      const member = await registerUser(t.app, `Member ${index}`);
      await joinCommunity(t.app, member, slug);
      members.push(member);
    }
    publicEventId = await newEvent('public', community.id);
    communityEventId = await newEvent('community', community.id);
  });
  afterAll(() => t?.close());

  it('is created by organisers, carried by active members of the community', async () => {
    const created = await create(publicEventId, {
      question: 'Comment porter les cercles sur les territoires ?',
      description: 'Un **défi** du réseau',
      carrierIds: [carrier.id],
      teamCapacity: 3,
    });
    expect(created.statusCode).toBe(201);
    const challenge: ChallengeDto = created.json();
    expect(challenge).toMatchObject({
      question: 'Comment porter les cercles sur les territoires ?',
      carriers: [{ id: carrier.id, name: 'Bernard' }],
      carrierCount: 1,
      teamCapacity: 3,
      teams: [],
      myTeamId: null,
      outcome: null,
      abilities: { read: true, takePart: true, steer: true },
    });

    const notMember = await create(publicEventId, { question: 'Q', carrierIds: [outsider.id] });
    expect(notMember.statusCode).toBe(400);
    expect(notMember.json().error.details[0].path).toEqual(['carrierIds']);
    expect((await create(publicEventId, { question: '' })).statusCode).toBe(400);
    expect((await create(publicEventId, { question: 'Q', teamCapacity: 0 })).statusCode).toBe(400);
    expect(
      (await create(publicEventId, { question: 'Q', carrierIds: [carrier.id, carrier.id] })).statusCode,
    ).toBe(400);
    expect((await create(publicEventId, { question: 'Q' }, members[0])).statusCode).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/events/${publicEventId}/challenges`,
          payload: { question: 'Q' },
        })
      ).statusCode,
    ).toBe(401);
    expect((await create(communityEventId, { question: 'Q' }, outsider)).statusCode).toBe(404);
    expect((await create('nope', { question: 'Q' })).statusCode).toBe(404);
  });

  it('fills teams to their capacity, opens a new numbered one when all are full, moves people', async () => {
    const { id } = (await create(publicEventId, { question: 'Équipes ?', teamCapacity: 2 })).json();
    const [a, b, c, d] = members as [TestUser, TestUser, TestUser, TestUser];
    const first: ChallengeDto = (await join(id, a)).json();
    expect(first.teams).toHaveLength(1);
    expect(first.teams[0]).toMatchObject({ number: 1, name: '', memberCount: 1, capacity: 2 });
    expect(first.myTeamId).toBe(first.teams[0]?.id);
    await join(id, b);
    const third: ChallengeDto = (await join(id, c)).json();
    expect(third.teams.map((team) => team.memberCount)).toEqual([2, 1]);
    const [team1, team2] = third.teams as [ChallengeDto['teams'][0], ChallengeDto['teams'][0]];
    expect(third.myTeamId).toBe(team2.id);

    expect((await join(id, d, team1.id)).statusCode).toBe(409);
    expect((await join(id, d, 'nope')).statusCode).toBe(404);
    // Joining another team moves a person: a leaves team 1, d takes the place.
    const moved: ChallengeDto = (await join(id, a, team2.id)).json();
    expect(moved.teams.map((team) => team.memberCount)).toEqual([1, 2]);
    expect(moved.myTeamId).toBe(team2.id);
    expect((await join(id, d, team1.id)).statusCode).toBe(200);
    // Without a body at all, "any team" too.
    const bare = await t.app.inject({
      method: 'POST',
      url: `/api/v1/challenges/${id}/teams/me`,
      headers: as(d),
    });
    expect(bare.json().myTeamId).toBe(team1.id);
    // Joining "any" while in a team keeps that team.
    expect((await join(id, d)).json().myTeamId).toBe(team1.id);
    const left: ChallengeDto = (
      await t.app.inject({ method: 'DELETE', url: `/api/v1/challenges/${id}/teams/me`, headers: as(d) })
    ).json();
    expect(left.myTeamId).toBeNull();
    expect(left.teams.map((team) => team.memberCount)).toEqual([1, 2]);

    const named = await t.app.inject({
      method: 'POST',
      url: `/api/v1/challenges/${id}/teams`,
      headers: as(animator),
      payload: { name: 'Les Cévennes' },
    });
    expect(named.statusCode).toBe(201);
    expect(named.json().teams[2]).toMatchObject({ number: 3, name: 'Les Cévennes', memberCount: 0 });
    const byMember = await t.app.inject({
      method: 'POST',
      url: `/api/v1/challenges/${id}/teams`,
      headers: as(d),
      payload: { name: 'X' },
    });
    expect(byMember.statusCode).toBe(403);
    // A capacity below the largest team is refused; the team stays whole.
    expect((await patch(id, animator, { teamCapacity: 1 })).statusCode).toBe(409);
  });

  it('keeps every team within its capacity under simultaneous joins', async () => {
    const { id } = (await create(publicEventId, { question: 'Concurrence ?', teamCapacity: 3 })).json();
    const answers = await Promise.all(members.map((member) => join(id, member)));
    expect(answers.map((answer) => answer.statusCode)).toEqual(members.map(() => 200));
    const after: ChallengeDto = (await read(id, animator)).json();
    expect(after.teams.map((team) => team.memberCount)).toEqual([3, 3, 3, 1]);

    const { id: other } = (
      await create(publicEventId, { question: 'Une seule équipe ?', teamCapacity: 4 })
    ).json();
    const team = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/challenges/${other}/teams`,
        headers: as(animator),
        payload: { name: 'Seule' },
      })
    ).json().teams[0];
    const racing = await Promise.all(members.map((member) => join(other, member, team.id)));
    const codes = racing.map((answer) => answer.statusCode);
    expect(codes.filter((code) => code === 200)).toHaveLength(4);
    expect(codes.filter((code) => code === 409)).toHaveLength(6);
    expect((await read(other, animator)).json().teams[0].memberCount).toBe(4);
  });

  it('tells names to the community only: visitors and outsiders see counts and their own team', async () => {
    const { id } = (
      await create(publicEventId, { question: 'Qui ?', carrierIds: [carrier.id], teamCapacity: 5 })
    ).json();
    await join(id, members[0] as TestUser);
    const outsiderView: ChallengeDto = (await join(id, outsider)).json();
    expect(outsiderView.myTeamId).toBe(outsiderView.teams[0]?.id);
    expect(outsiderView.carriers).toEqual([]);
    expect(outsiderView.carrierCount).toBe(1);
    expect(outsiderView.teams[0]).toMatchObject({ memberCount: 2, members: null });
    expect(outsiderView.abilities).toEqual({ read: true, takePart: true, steer: false });

    const anonymousView = await read(id, undefined);
    expect(anonymousView.statusCode).toBe(200);
    expect(anonymousView.json()).toMatchObject({ carriers: [], carrierCount: 1, myTeamId: null });
    expect(anonymousView.json().teams[0]).toMatchObject({ memberCount: 2, members: null });
    expect(anonymousView.json().abilities).toEqual({ read: true, takePart: false, steer: false });
    expect(JSON.stringify(anonymousView.json())).not.toContain('Bernard');
    expect(JSON.stringify(anonymousView.json())).not.toContain('Member 0');

    const memberView: ChallengeDto = (await read(id, members[1])).json();
    expect(memberView.carriers).toEqual([{ id: carrier.id, name: 'Bernard' }]);
    expect(memberView.teams[0]?.members?.map((person) => person.name)).toEqual(['Member 0', 'Outsider']);

    const list = await t.app.inject({ url: `/api/v1/events/${publicEventId}/challenges` });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThan(0);
    expect(JSON.stringify(list.json())).not.toContain('Bernard');

    // The event's page carries its challenges, as each viewer may see them.
    const detail = await eventDetail(
      t.database.db,
      await getEventAccess(t.database.db, publicEventId, undefined),
      undefined,
    );
    expect(detail.challenges.find((challenge) => challenge.id === id)?.carriers).toEqual([]);
  });

  it('hides a community event’s challenges from outsiders (404)', async () => {
    const { id } = (await create(communityEventId, { question: 'Entre nous ?' })).json();
    expect((await read(id, outsider)).statusCode).toBe(404);
    expect((await read(id, undefined)).statusCode).toBe(404);
    expect((await join(id, outsider)).statusCode).toBe(404);
    expect((await patch(id, outsider, { outcome: 'x' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/events/${communityEventId}/challenges` })).statusCode).toBe(
      404,
    );
    expect((await read(id, members[0])).statusCode).toBe(200);
  });

  it('lets carriers write the outcome; only organisers delete', async () => {
    const { id } = (await create(publicEventId, { question: 'Et alors ?', carrierIds: [carrier.id] })).json();
    expect((await patch(id, members[0] as TestUser, { outcome: 'Non' })).statusCode).toBe(403);
    const written = await patch(id, carrier, { outcome: 'Trois territoires se lancent.' });
    expect(written.statusCode).toBe(200);
    expect(written.json()).toMatchObject({ outcome: 'Trois territoires se lancent.', iCarry: true });
    expect((await patch(id, carrier, { carrierIds: [outsider.id] })).statusCode).toBe(400);
    expect((await patch(id, carrier, { teamCapacity: 0 })).statusCode).toBe(400);
    const remove = (user: TestUser) =>
      t.app.inject({ method: 'DELETE', url: `/api/v1/challenges/${id}`, headers: as(user) });
    expect((await remove(carrier)).statusCode).toBe(403);
    expect((await remove(animator)).statusCode).toBe(204);
    expect((await read(id, animator)).statusCode).toBe(404);
  });

  it('tells whoever watches the event that it changed, naming nobody', async () => {
    const url = await listenLive(t.app);
    const watcher = await openLiveClient(url, members[9]);
    expect((await watcher.subscribe(`event:${publicEventId}`)).type).toBe('subscribed');
    const { id } = (await create(publicEventId, { question: 'En direct ?' })).json();
    await join(id, members[8] as TestUser);
    const frames = () =>
      watcher.messages.filter((m) => m.type === 'event' && m.event.type === 'event.changed').length;
    await watcher.waitFor(() => frames() >= 2);
    expect(JSON.stringify(watcher.messages)).not.toContain((members[8] as TestUser).id);
    watcher.close();
  });

  it('seeds the demo’s challenge and roles of the université day', async () => {
    const { challengeId } = await seedDemoChallenges(t.database.db, {
      eventId: communityEventId,
      carrierIds: [carrier.id],
      memberIds: members.slice(0, 4).map((member) => member.id),
    });
    const seen: ChallengeDto = (await read(challengeId, members[5])).json();
    expect(seen).toMatchObject({
      question: 'Comment porter les cercles sur les territoires ?',
      carriers: [{ id: carrier.id, name: 'Bernard' }],
    });
    expect(seen.teams.map((team) => team.memberCount)).toEqual([2, 2]);
    const roles = (
      await t.app.inject({ url: `/api/v1/events/${communityEventId}/roles`, headers: as(members[5]) })
    ).json().items;
    expect(roles.map((role: { title: string; takenCount: number }) => [role.title, role.takenCount])).toEqual(
      [
        ['Porter la Riposte le jour J', 1],
        ['Animer le forum ouvert', 2],
        ['Accueillir sur le site de Nancy', 0],
      ],
    );
  });

  it('takes a person leaving the community out of its teams and challenges', async () => {
    const leaver = await registerUser(t.app, 'Leaver');
    await joinCommunity(t.app, leaver, slug);
    const { id } = (await create(publicEventId, { question: 'Départ ?', carrierIds: [leaver.id] })).json();
    await join(id, leaver);
    const left = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/communities/${slug}/members/me`,
      headers: as(leaver),
    });
    expect(left.statusCode).toBe(204);
    const after: ChallengeDto = (await read(id, animator)).json();
    expect(after.carriers).toEqual([]);
    expect(after.teams[0]?.memberCount).toBe(0);
  });
});
