import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Recurring sessions: a series of ordinary sessions, each edited or cancelled alone. */
describe.each(testDialects())('session series on %s', (dialect) => {
  let t: TestApp;
  let facilitator: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let circleId: string;

  const call = (user: TestUser, method: string, url: string, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: { cookie: user.cookie },
      ...(payload && { payload }),
    });
  // Every 2nd Tuesday at 12:00 in Paris, from January 2027: winter then summer time.
  const series = {
    title: 'Cercle codev',
    timeZone: 'Europe/Paris',
    place: 'Salle 3',
    firstDate: '2027-01-12',
    startTime: '12:00',
    endTime: '13:30',
    frequency: 'monthly',
    count: 5,
    skip: ['2027-02-09'],
    moves: [{ date: '2027-04-13', to: '2027-04-15', startTime: '14:00', endTime: '15:30' }],
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    facilitator = await registerUser(t.app, 'Florent');
    member = await registerUser(t.app, 'Julie');
    outsider = await registerUser(t.app, 'Outsider');
    const community = await buildCommunity(t.app, facilitator);
    await joinCommunity(t.app, member, community.slug);
    await joinCommunity(t.app, outsider, community.slug);
    circleId = (await buildCircle(t.app, facilitator, community.slug, { visibility: 'private' })).id;
    await addToCircle(t.app, facilitator, circleId, member);
  });
  afterAll(() => t.close());

  it('plans every 2nd Tuesday at the same wall-clock time, with a skipped and a moved date', async () => {
    expect((await call(outsider, 'POST', `/circles/${circleId}/session-series`, series)).statusCode).toBe(
      404,
    );
    expect((await call(member, 'POST', `/circles/${circleId}/session-series`, series)).statusCode).toBe(403);
    const planned = await call(facilitator, 'POST', `/circles/${circleId}/session-series`, series);
    expect(planned.statusCode).toBe(201);
    const { seriesId, sessions } = planned.json();
    expect(sessions.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      '2027-01-12T11:00:00.000Z',
      '2027-03-09T11:00:00.000Z',
      // Summer time from 28 March: 12:00 in Paris is 10:00 UTC; the moved one is at 14:00.
      '2027-04-15T12:00:00.000Z',
      '2027-05-11T10:00:00.000Z',
    ]);
    const first = (await call(member, 'GET', `/sessions/${sessions[0].id}`)).json();
    expect(first).toMatchObject({
      title: 'Cercle codev',
      place: 'Salle 3',
      seriesId,
      timeZone: 'Europe/Paris',
    });

    // Editing one occurrence, or cancelling another, leaves the rest as they were.
    expect(
      (
        await call(facilitator, 'PATCH', `/sessions/${sessions[1].id}`, {
          title: 'Cercle codev (spécial)',
          startsAt: '2027-03-10T11:00:00Z',
          endsAt: '2027-03-10T12:30:00Z',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await call(facilitator, 'POST', `/sessions/${sessions[2].id}/cancel`, { reason: 'Congés' }))
        .statusCode,
    ).toBe(200);
    const read = async (id: string) => (await call(member, 'GET', `/sessions/${id}`)).json();
    expect(await read(sessions[0].id)).toMatchObject({ title: 'Cercle codev', cancelledAt: null, seriesId });
    expect(await read(sessions[1].id)).toMatchObject({ title: 'Cercle codev (spécial)', seriesId });
    expect((await read(sessions[2].id)).cancelledAt).not.toBeNull();
    expect(await read(sessions[3].id)).toMatchObject({
      title: 'Cercle codev',
      startsAt: '2027-05-11T10:00:00.000Z',
      cancelledAt: null,
    });
    // Deleting an occurrence leaves the others in their series.
    expect((await call(facilitator, 'DELETE', `/sessions/${sessions[3].id}`)).statusCode).toBe(204);
    expect((await read(sessions[0].id)).seriesId).toBe(seriesId);
  });

  it('plans every N weeks up to a day, and refuses series it cannot plan', async () => {
    const weekly = {
      ...series,
      title: 'Toutes les deux semaines',
      frequency: 'weekly',
      interval: 2,
      count: undefined,
      until: '2027-03-31',
      firstDate: '2027-03-02',
      skip: [],
      moves: [],
    };
    const planned = await call(facilitator, 'POST', `/circles/${circleId}/session-series`, weekly);
    expect(planned.statusCode).toBe(201);
    expect(planned.json().sessions.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      '2027-03-02T11:00:00.000Z',
      '2027-03-16T11:00:00.000Z',
      '2027-03-30T10:00:00.000Z',
    ]);
    const cases = [
      { ...weekly, until: undefined }, // no end
      { ...weekly, count: 3 }, // both ends
      { ...weekly, until: '2031-01-01' }, // more than 52
      { ...weekly, skip: ['2027-03-03'] }, // not a date of the series
      { ...weekly, moves: [{ date: '2027-03-09', to: '2027-03-10' }] },
      { ...weekly, firstDate: '2020-03-03' }, // in the past
      { ...weekly, endTime: '11:00' }, // ends before it starts
      { ...weekly, interval: 0 },
      { ...weekly, frequency: 'daily' },
      { ...weekly, skip: ['2027-03-02', '2027-03-16', '2027-03-30'] }, // nothing left
      { ...weekly, extra: true },
    ];
    for (const payload of cases) {
      const refused = await call(facilitator, 'POST', `/circles/${circleId}/session-series`, payload);
      expect(refused.statusCode, JSON.stringify(payload).slice(-120)).toBe(400);
      expect(refused.json().error.code).toBe('INVALID_INPUT');
    }
  });
});
