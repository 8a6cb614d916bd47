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

describe.each(testDialects())('circles over time on %s', (dialect) => {
  let t: TestApp;
  let steward: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let community: { slug: string };
  beforeAll(async () => {
    t = await createTestApp(dialect);
    steward = await registerUser(t.app, 'Florent');
    member = await registerUser(t.app, 'Salomé');
    outsider = await registerUser(t.app, 'Outsider');
    community = await buildCommunity(t.app, steward);
    await joinCommunity(t.app, member, community.slug);
  });
  afterAll(() => t.close());

  const call = (
    user: TestUser | undefined,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { ...(user ? { cookie: user.cookie } : {}), ...headers },
      ...(payload ? { payload } : {}),
    });

  describe('planned dates and number of sessions', () => {
    it('are set at creation and by stewards, validated (end not before start), 404 for outsiders of a private circle', async () => {
      const circle = await buildCircle(t.app, steward, community.slug, {
        startsOn: '2027-01-12',
        endsOn: '2027-06-30',
        plannedSessions: 4,
      });
      expect(circle).toMatchObject({ startsOn: '2027-01-12', endsOn: '2027-06-30', plannedSessions: 4 });

      const moved = await call(steward, 'PATCH', `/circles/${circle.id}`, { endsOn: '2027-07-01' });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ startsOn: '2027-01-12', endsOn: '2027-07-01' });

      for (const payload of [
        { startsOn: '2027-02-01', endsOn: '2027-01-31' },
        { endsOn: '2027-01-11' }, // before the stored start
        { startsOn: '2027-07-02' }, // after the stored end
        { startsOn: '12/01/2027' },
        { plannedSessions: 0 },
        { plannedSessions: 201 },
        { plannedSessions: 2.5 },
      ]) {
        const refused = await call(steward, 'PATCH', `/circles/${circle.id}`, payload);
        expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
        expect(refused.json().error.code).toBe('INVALID_INPUT');
      }
      const cleared = await call(steward, 'PATCH', `/circles/${circle.id}`, {
        startsOn: null,
        plannedSessions: null,
      });
      expect(cleared.json()).toMatchObject({ startsOn: null, endsOn: '2027-07-01', plannedSessions: null });

      expect(
        (await call(member, 'PATCH', `/circles/${circle.id}`, { endsOn: '2027-08-01' })).statusCode,
      ).toBe(403);
      const hidden = await buildCircle(t.app, steward, community.slug, { visibility: 'private' });
      expect(
        (await call(outsider, 'PATCH', `/circles/${hidden.id}`, { endsOn: '2027-08-01' })).statusCode,
      ).toBe(404);
    });
  });

  describe('numbered sessions', () => {
    it('ranks the non-cancelled sessions by start, "3 of 4", on lists and the session page', async () => {
      const circle = await buildCircle(t.app, steward, community.slug, { plannedSessions: 4 });
      const at = (day: number) => ({
        startsAt: `2027-01-${String(day).padStart(2, '0')}T09:00:00Z`,
        endsAt: `2027-01-${String(day).padStart(2, '0')}T11:00:00Z`,
      });
      // Created out of order: the rank follows the start, not the creation.
      const third = await buildSession(t.app, steward, circle.id, { title: 'C', ...at(20) });
      const first = await buildSession(t.app, steward, circle.id, { title: 'A', ...at(6) });
      const second = await buildSession(t.app, steward, circle.id, { title: 'B', ...at(13) });
      const cancelled = await buildSession(t.app, steward, circle.id, { title: 'X', ...at(9) });
      const cancel = await call(steward, 'POST', `/sessions/${cancelled.id}/cancel`, { reason: 'Grève' });
      expect(cancel.statusCode).toBe(200);

      const list = (await call(steward, 'GET', `/circles/${circle.id}/sessions`)).json().items as {
        id: string;
        numbering: { rank: number; plannedTotal: number | null } | null;
      }[];
      const byId = new Map(list.map((s) => [s.id, s.numbering]));
      expect(byId.get(first.id)).toEqual({ rank: 1, plannedTotal: 4 });
      expect(byId.get(second.id)).toEqual({ rank: 2, plannedTotal: 4 });
      expect(byId.get(third.id)).toEqual({ rank: 3, plannedTotal: 4 });
      expect(byId.get(cancelled.id)).toBeNull();

      const page = (await call(steward, 'GET', `/sessions/${third.id}`)).json();
      expect(page.numbering).toEqual({ rank: 3, plannedTotal: 4 });
      const mine = (await call(steward, 'GET', '/me/sessions?when=upcoming')).json().items as {
        id: string;
        numbering: unknown;
      }[];
      expect(mine.find((s) => s.id === second.id)?.numbering).toEqual({ rank: 2, plannedTotal: 4 });

      // Without a planned number, the rank alone; two sessions at the same start are ranked by id.
      await call(steward, 'PATCH', `/circles/${circle.id}`, { plannedSessions: null });
      const twin = await buildSession(t.app, steward, circle.id, { title: 'B bis', ...at(13) });
      const again = (await call(steward, 'GET', `/circles/${circle.id}/sessions`)).json().items as {
        id: string;
        numbering: { rank: number; plannedTotal: number | null } | null;
      }[];
      const ranks = again
        .filter((s) => s.numbering)
        .map((s) => s.numbering?.rank)
        .sort();
      expect(ranks).toEqual([1, 2, 3, 4]);
      const pair = [second.id, twin.id].sort();
      const rankOf = (id: string | undefined) => again.find((s) => s.id === id)?.numbering;
      expect(rankOf(pair[0])).toEqual({ rank: 2, plannedTotal: null });
      expect(rankOf(pair[1])).toEqual({ rank: 3, plannedTotal: null });
    });
  });

  describe('renewing a circle', () => {
    async function circleWithPeople() {
      const circle = await buildCircle(t.app, steward, community.slug, {
        intention: 'Se consulter entre pairs',
        description: 'Codev mensuel',
        method: 'codev',
        capacity: 2,
        joinPolicy: 'request',
        plannedSessions: 4,
      });
      const people = await Promise.all(['Ana', 'Ben', 'Cléo'].map((name) => registerUser(t.app, name)));
      for (const person of people) {
        await joinCommunity(t.app, person, community.slug);
      }
      // Ana and Ben hold the places, Cléo waits; then Ben is named facilitator (Cléo takes his place).
      for (const person of people) await addToCircle(t.app, steward, circle.id, person);
      const [ana, ben, cleo] = people as [TestUser, TestUser, TestUser];
      await call(steward, 'PATCH', `/circles/${circle.id}/members/${ben.id}`, { role: 'facilitator' });
      const session = await buildSession(t.app, steward, circle.id);
      await call(steward, 'POST', `/sessions/${session.id}/participants`, {
        userId: ana.id,
        status: 'present',
      });
      // Cléo came to a session later called off: that is no attendance.
      const called = await buildSession(t.app, steward, circle.id);
      await call(steward, 'POST', `/sessions/${called.id}/participants`, {
        userId: cleo.id,
        status: 'present',
      });
      await call(steward, 'POST', `/sessions/${called.id}/cancel`, { reason: 'Annulée' });
      return { circle, ana, ben, cleo };
    }
    const membersOf = async (circleId: string) =>
      (
        (await call(steward, 'GET', `/circles/${circleId}/members`)).json().items as {
          id: string;
          role: string;
          status: string;
        }[]
      ).map((m) => ({ id: m.id, role: m.role, status: m.status }));

    it('carries every member, the intention and settings, with new dates; idempotent; a second renewal is a conflict', async () => {
      const { circle, ana, ben, cleo } = await circleWithPeople();
      const key = { 'idempotency-key': `renew-${circle.id}` };
      const body = { carry: 'all', name: 'Codev, cycle 2', startsOn: '2027-09-01', endsOn: '2028-01-31' };
      const renewed = await call(steward, 'POST', `/circles/${circle.id}/renewal`, body, key);
      expect(renewed.statusCode).toBe(201);
      const next = renewed.json();
      expect(next).toMatchObject({
        name: 'Codev, cycle 2',
        intention: 'Se consulter entre pairs',
        description: 'Codev mensuel',
        method: 'codev',
        capacity: 2,
        joinPolicy: 'request',
        status: 'forming',
        startsOn: '2027-09-01',
        endsOn: '2028-01-31',
        plannedSessions: 4,
        myRole: 'facilitator',
      });
      const replay = await call(steward, 'POST', `/circles/${circle.id}/renewal`, body, key);
      expect(replay.statusCode).toBe(201);
      expect(replay.json().id).toBe(next.id);
      const again = await call(steward, 'POST', `/circles/${circle.id}/renewal`, body);
      expect(again.statusCode).toBe(409);

      // Ben stays facilitator; Ana and Cléo, members of the old cycle, take the two places, even
      // though the circle asks for approval (they are carried, as a facilitator adds people).
      const carried = await membersOf(next.id);
      expect(carried).toEqual(
        expect.arrayContaining([
          { id: steward.id, role: 'facilitator', status: 'member' },
          { id: ben.id, role: 'facilitator', status: 'member' },
          { id: ana.id, role: 'member', status: 'member' },
          { id: cleo.id, role: 'member', status: 'member' },
        ]),
      );
      expect(carried).toHaveLength(4);

      const relationsAnswer = await call(member, 'GET', `/circles/${next.id}/relations`);
      expect(relationsAnswer.statusCode, relationsAnswer.body).toBe(200);
      const relations = relationsAnswer.json();
      expect(relations.previousCycle).toEqual({ id: circle.id, name: circle.name });
      expect((await call(member, 'GET', `/circles/${circle.id}/relations`)).json().nextCycle).toEqual({
        id: next.id,
        name: 'Codev, cycle 2',
      });

      await t.runJobs();
      const mail = t.lastMailTo(ana.email);
      expect(mail.subject).toContain('Codev, cycle 2');
      expect(mail.text).toContain(`http://archipel.test/circles/${next.id}`);
    });

    it('makes one next cycle under simultaneous renewals without a key: the others get 409', async () => {
      const circle = await buildCircle(t.app, steward, community.slug);
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          call(steward, 'POST', `/circles/${circle.id}/renewal`, { carry: 'all' }),
        ),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
      const next = await t.database.db
        .selectFrom('circles')
        .select('id')
        .where('previousCircleId', '=', circle.id)
        .execute();
      expect(next).toHaveLength(1);
    });

    it('carries only those present at a session not called off, or nobody', async () => {
      const { circle, ana } = await circleWithPeople();
      const attended = await call(steward, 'POST', `/circles/${circle.id}/renewal`, { carry: 'attended' });
      expect(attended.statusCode).toBe(201);
      expect(await membersOf(attended.json().id)).toEqual([
        { id: steward.id, role: 'facilitator', status: 'member' },
        { id: ana.id, role: 'member', status: 'member' },
      ]);

      const other = await circleWithPeople();
      const none = await call(steward, 'POST', `/circles/${other.circle.id}/renewal`, { carry: 'none' });
      expect(await membersOf(none.json().id)).toEqual([
        { id: steward.id, role: 'facilitator', status: 'member' },
      ]);
    });

    it('is for stewards only: 403 for a member, 404 for an outsider of a private circle, 400 on bad input', async () => {
      const open = await buildCircle(t.app, steward, community.slug);
      await call(member, 'POST', `/circles/${open.id}/members`, {});
      expect((await call(member, 'POST', `/circles/${open.id}/renewal`, { carry: 'all' })).statusCode).toBe(
        403,
      );
      expect(
        (await call(undefined, 'POST', `/circles/${open.id}/renewal`, { carry: 'all' })).statusCode,
      ).toBe(401);
      const hidden = await buildCircle(t.app, steward, community.slug, { visibility: 'private' });
      expect(
        (await call(outsider, 'POST', `/circles/${hidden.id}/renewal`, { carry: 'all' })).statusCode,
      ).toBe(404);
      for (const payload of [
        {},
        { carry: 'some' },
        { carry: 'all', startsOn: '2027-02-01', endsOn: '2027-01-01' },
        { carry: 'all', name: 'X' },
        { carry: 'all', extra: true },
      ]) {
        const refused = await call(steward, 'POST', `/circles/${open.id}/renewal`, payload);
        expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
        expect(refused.json().error.code).toBe('INVALID_INPUT');
      }
    });
  });

  describe('related circles', () => {
    it('links two circles with a note, shown on both, hidden from those who may not see the other circle', async () => {
      const codev = await buildCircle(t.app, steward, community.slug, { name: 'Codev RH' });
      const behavioural = await buildCircle(t.app, steward, community.slug, {
        name: 'Sciences comportementales',
      });
      const secret = await buildCircle(t.app, steward, community.slug, {
        name: 'Cercle secret',
        visibility: 'private',
      });

      const linked = await call(steward, 'POST', `/circles/${codev.id}/related`, {
        circleId: behavioural.id,
        note: 'lien avec le cercle sur les sciences comportementales',
      });
      expect(linked.statusCode, linked.body).toBe(201);
      expect(linked.json().related).toEqual([
        {
          linkId: expect.any(String),
          note: 'lien avec le cercle sur les sciences comportementales',
          circle: { id: behavioural.id, name: 'Sciences comportementales' },
        },
      ]);
      const fromOther = (await call(undefined, 'GET', `/circles/${behavioural.id}/relations`)).json();
      expect(fromOther.related.map((r: { circle: { id: string } }) => r.circle.id)).toEqual([codev.id]);

      // Once, whichever side asks.
      expect(
        (await call(steward, 'POST', `/circles/${behavioural.id}/related`, { circleId: codev.id }))
          .statusCode,
      ).toBe(409);

      // The private circle is named to those who may see it, never to the others.
      expect(
        (await call(steward, 'POST', `/circles/${codev.id}/related`, { circleId: secret.id })).statusCode,
      ).toBe(201);
      const stewardView = (await call(steward, 'GET', `/circles/${codev.id}/relations`)).json();
      expect(stewardView.related.map((r: { circle: { id: string } }) => r.circle.id).sort()).toEqual(
        [behavioural.id, secret.id].sort(),
      );
      for (const viewer of [member, outsider, undefined]) {
        const view = (await call(viewer, 'GET', `/circles/${codev.id}/relations`)).json();
        expect(view.related.map((r: { circle: { id: string } }) => r.circle.id)).toEqual([behavioural.id]);
      }
      expect((await call(outsider, 'GET', `/circles/${secret.id}/relations`)).statusCode).toBe(404);

      // Only stewards link and unlink; a circle the steward cannot see, or of another community, is refused.
      await call(member, 'POST', `/circles/${codev.id}/members`, {});
      expect(
        (await call(member, 'POST', `/circles/${codev.id}/related`, { circleId: secret.id })).statusCode,
      ).toBe(403);
      const otherSteward = await registerUser(t.app, 'Autre');
      await joinCommunity(t.app, otherSteward, community.slug);
      const theirs = await buildCircle(t.app, otherSteward, community.slug);
      const refusedHidden = await call(otherSteward, 'POST', `/circles/${theirs.id}/related`, {
        circleId: secret.id,
      });
      expect(refusedHidden.statusCode).toBe(400);
      const elsewhere = await buildCircle(t.app, steward, (await buildCommunity(t.app, steward)).slug);
      for (const payload of [
        { circleId: elsewhere.id },
        { circleId: codev.id, note: 'x'.repeat(301) },
        { circleId: theirs.id, extra: 1 },
      ]) {
        const refused = await call(steward, 'POST', `/circles/${codev.id}/related`, payload);
        expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      }
      expect(
        (await call(steward, 'POST', `/circles/${codev.id}/related`, { circleId: codev.id })).statusCode,
      ).toBe(400);

      const linkId = linked.json().related[0].linkId;
      expect((await call(member, 'DELETE', `/circles/${behavioural.id}/related/${linkId}`)).statusCode).toBe(
        403,
      );
      expect((await call(steward, 'DELETE', `/circles/${theirs.id}/related/${linkId}`)).statusCode).toBe(404);
      expect((await call(steward, 'DELETE', `/circles/${behavioural.id}/related/${linkId}`)).statusCode).toBe(
        204,
      );
      expect((await call(steward, 'GET', `/circles/${codev.id}/relations`)).json().related).toHaveLength(1);
    });
  });
});
