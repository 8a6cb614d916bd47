import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommunityDashboard } from '../../../contract/hub.ts';
import { addDays } from '../../../domain/review.ts';
import { zonedParts } from '../../../domain/zoned-time.ts';
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

const day = 24 * 3600_000;
const at = (offsetDays: number) => new Date(Date.now() + offsetDays * day).toISOString();
const hourLater = (iso: string) => new Date(Date.parse(iso) + 3600_000).toISOString();
const today = () => zonedParts(new Date(), 'Europe/Paris').date;

describe.each(testDialects())('the animators’ dashboard on %s', (dialect) => {
  let t: TestApp;
  let animator: TestUser;
  let facilitator: TestUser;
  let member: TestUser;
  let stranger: TestUser;
  let slug: string;
  let codevId: string;
  let boussolesId: string;
  const period = () => `from=${addDays(today(), -30)}&to=${addDays(today(), 30)}`;

  const ok = async (method: 'POST' | 'PUT' | 'PATCH', url: string, user: TestUser, payload?: object) => {
    const response = await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: user.cookie },
      ...(payload && { payload }),
    });
    if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const get = (url: string, user?: TestUser) =>
    t.app.inject({ url: `/api/v1/communities/${slug}${url}`, headers: user ? { cookie: user.cookie } : {} });
  const session = async (circleId: string, steward: TestUser, offsetDays: number) =>
    (
      await buildSession(t.app, steward, circleId, {
        startsAt: at(offsetDays),
        endsAt: hourLater(at(offsetDays)),
      })
    ).id;
  const list = (sessionId: string, steward: TestUser, who: object, status: string) =>
    ok('POST', `/sessions/${sessionId}/participants`, steward, { ...who, status });
  /** A named questionnaire with one 1–5 scale question, answered with these values. */
  const survey = async (
    circleId: string,
    steward: TestUser,
    anonymous: boolean,
    answers: [TestUser, number][],
  ) => {
    const created = await ok('POST', `/circles/${circleId}/surveys`, steward, {
      title: 'Évaluation',
      audience: 'members',
      anonymous,
      questions: [{ kind: 'scale', text: 'Utile ?' }],
    });
    for (const [user, value] of answers) {
      await ok('PUT', `/surveys/${created.id}/responses/me`, user, {
        answers: [{ questionId: created.questions[0].id, value }],
      });
    }
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    animator = await registerUser(t.app, 'Sandrine');
    facilitator = await registerUser(t.app, 'Bernard');
    member = await registerUser(t.app, 'Julie');
    stranger = await registerUser(t.app, 'Inconnu');
    slug = (await buildCommunity(t.app, animator)).slug;
    for (const user of [facilitator, member]) await joinCommunity(t.app, user, slug);
    codevId = (await buildCircle(t.app, facilitator, slug, { name: 'Codev', visibility: 'community' })).id;
    await addToCircle(t.app, facilitator, codevId, member);
    boussolesId = (await buildCircle(t.app, animator, slug, { name: 'Boussoles', visibility: 'private' })).id;

    // Codev, held 10 days ago: Julie and Anne present, Zoé excused, Marc invited (2 of 4).
    const held = await session(codevId, facilitator, -10);
    await list(held, facilitator, { userId: member.id }, 'present');
    await list(held, facilitator, { guestName: 'Anne' }, 'present');
    await list(held, facilitator, { guestName: 'Zoé' }, 'excused');
    await list(held, facilitator, { guestName: 'Marc' }, 'invited');
    await ok('PUT', `/sessions/${held}/checkins/me`, facilitator, { weather: 'sunny' });
    // Held 5 days ago without anyone marked present: held, but no attendance recorded.
    await list(await session(codevId, facilitator, -5), facilitator, { guestName: 'Léa' }, 'invited');
    // Called off, still to come, and before the period: none is held in it.
    await ok('POST', `/sessions/${await session(codevId, facilitator, -3)}/cancel`, facilitator, {
      reason: 'Grève',
    });
    await session(codevId, facilitator, 10);
    await list(await session(codevId, facilitator, -60), facilitator, { guestName: 'Paul' }, 'present');
    // Steps due in the period: on time, late, still to do; one due before the period.
    const step = async (dueOn: string, status?: string) => {
      const action = await ok('POST', `/sessions/${held}/actions`, facilitator, {
        title: `Pas ${dueOn}`,
        dueOn,
        ownerIds: [member.id],
      });
      if (status) await ok('PATCH', `/actions/${action.id}`, facilitator, { status });
    };
    await step(addDays(today(), 5), 'done');
    await step(addDays(today(), -1), 'done');
    await step(addDays(today(), 3));
    await step(addDays(today(), -100), 'done');
    // A named questionnaire answered 4 and 5 (mean 4.5 on 1–5: 87.5 %).
    await survey(codevId, facilitator, false, [
      [member, 4],
      [facilitator, 5],
    ]);

    // Boussoles, held 2 days ago: Sandrine present (1 of 1); an anonymous questionnaire still open.
    const inside = await session(boussolesId, animator, -2);
    await list(inside, animator, { userId: animator.id }, 'present');
    await survey(boussolesId, animator, true, [[animator, 2]]);
  });
  afterAll(() => t?.close());

  it('counts each circle’s figures over the period exactly', async () => {
    const response = await get(`/dashboard?${period()}`, animator);
    expect(response.statusCode).toBe(200);
    const dashboard = response.json() as CommunityDashboard;
    expect(dashboard).toMatchObject({
      from: addDays(today(), -30),
      to: addDays(today(), 30),
      timeZone: 'Europe/Paris',
    });
    const byName = Object.fromEntries(dashboard.circles.map((row) => [row.circle.name, row]));
    expect(byName.Codev).toMatchObject({
      sessionsHeld: 2,
      peopleActive: 2,
      attendance: { present: 2, listed: 4, rate: 0.5 },
      steps: { due: 3, doneOnTime: 1, rate: 0.333 },
      surveys: { counted: 1, withheld: 0, score: 87.5 },
    });
    expect(byName.Boussoles).toMatchObject({
      sessionsHeld: 1,
      peopleActive: 1,
      attendance: { present: 1, listed: 1, rate: 1 },
      steps: { due: 0, doneOnTime: 0, rate: null },
      surveys: { counted: 0, withheld: 1, score: null },
    });
    expect(dashboard.total).toEqual({
      sessionsHeld: 3,
      peopleActive: 3,
      attendance: { present: 3, listed: 5, rate: 0.6 },
      steps: { due: 3, doneOnTime: 1, rate: 0.333 },
      surveys: { counted: 1, withheld: 1, score: 87.5 },
    });
    // One page at a time, by name: Boussoles, then Codev.
    const first = (await get(`/dashboard?${period()}&limit=1`, animator)).json() as CommunityDashboard;
    expect(first.circles.map((row) => row.circle.name)).toEqual(['Boussoles']);
    expect(first.total).toEqual(dashboard.total);
    const second = (
      await get(`/dashboard?${period()}&limit=1&cursor=${first.nextCursor}`, animator)
    ).json() as CommunityDashboard;
    expect(second.circles.map((row) => row.circle.name)).toEqual(['Codev']);
    expect(second.nextCursor).toBeNull();
    // No circle is linked to a territory yet.
    expect(dashboard.territories).toEqual([]);
  });

  it('adds the circles up per territory, a département within its région', async () => {
    expect(
      (await ok('PATCH', `/circles/${codevId}`, facilitator, { territoryCodes: ['33'] })).territoryCodes,
    ).toEqual(['33']);
    const dashboard = (
      await get(`/dashboard?from=${addDays(today(), -30)}&to=${today()}`, animator)
    ).json() as CommunityDashboard;
    const codev = dashboard.circles.find((row) => row.circle.id === codevId);
    expect(dashboard.territories.map((row) => row.code)).toEqual(['33', 'R75']);
    for (const row of dashboard.territories) expect(row.sessionsHeld).toBe(codev?.sessionsHeld);
    await ok('PATCH', `/circles/${codevId}`, facilitator, { territoryCodes: [] });
  });

  it('defaults to the last twelve months', async () => {
    const dashboard = (await get('/dashboard', animator)).json() as CommunityDashboard;
    expect(dashboard.to).toBe(today());
    expect(dashboard.from).toBe(addDays(today(), -365));
    // The session 60 days ago now counts, the one still to come does not.
    expect(dashboard.circles.find((row) => row.circle.id === codevId)?.sessionsHeld).toBe(3);
  });

  it('leaves the people of the total and territories apart when asked, counted by their own request', async () => {
    await ok('PATCH', `/circles/${codevId}`, facilitator, { territoryCodes: ['33'] });
    const whole = (await get(`/dashboard?${period()}`, animator)).json() as CommunityDashboard;
    const apart = (await get(`/dashboard?${period()}&people=apart`, animator)).json() as CommunityDashboard;
    expect(apart.total).toEqual({ ...whole.total, peopleActive: null });
    expect(apart.territories).toEqual(whole.territories.map((line) => ({ ...line, peopleActive: null })));
    expect(apart.circles).toEqual(whole.circles);
    const people = await get(`/dashboard/people?${period()}`, animator);
    expect(people.statusCode).toBe(200);
    expect(people.json()).toEqual({
      from: whole.from,
      to: whole.to,
      pendingCircles: 0,
      total: { peopleActive: 3 },
      territories: [
        { code: '33', peopleActive: 2 },
        { code: 'R75', peopleActive: 2 },
      ],
    });
    expect(whole.territories.map((line) => line.peopleActive)).toEqual([2, 2]);
    expect((await get('/dashboard/people', member)).statusCode).toBe(403);
    expect((await get('/dashboard/people')).statusCode).toBe(401);
    expect(
      (await get(`/dashboard/people?from=${today()}&to=${addDays(today(), -1)}`, animator)).statusCode,
    ).toBe(400);
    await ok('PATCH', `/circles/${codevId}`, facilitator, { territoryCodes: [] });
  });

  it('is for the community’s animators and instance admins only', async () => {
    expect((await get('/dashboard', facilitator)).statusCode).toBe(403);
    expect((await get('/dashboard', member)).statusCode).toBe(403);
    expect((await get('/dashboard', stranger)).statusCode).toBe(403);
    expect((await get('/dashboard.csv', member)).statusCode).toBe(403);
    expect((await get('/dashboard')).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          url: '/api/v1/communities/no-such-one/dashboard',
          headers: { cookie: animator.cookie },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('refuses a period that ends before it starts, runs over three years or is not a date, and a cursor it did not give', async () => {
    for (const query of [
      `from=${today()}&to=${addDays(today(), -1)}`,
      `from=${addDays(today(), -1200)}&to=${today()}`,
      'from=yesterday',
      'cursor=bm90LWEtY3Vyc29y',
      'limit=0',
    ]) {
      const response = await get(`/dashboard?${query}`, animator);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('INVALID_INPUT');
    }
  });

  it('exports the same figures as CSV, names neutralised, decimals with a comma for French spreadsheets', async () => {
    await ok('PATCH', `/circles/${boussolesId}`, animator, { name: '=HYPERLINK("x")' });
    await ok('PATCH', `/circles/${codevId}`, facilitator, { territoryCodes: ['33'] });
    const response = await get(`/dashboard.csv?${period()}&separator=semicolon`, animator);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'Périmètre;Nom;Du;Au;Séances tenues;Personnes actives;Présences;Inscriptions;Taux de présence;Prochains pas échus;Faits à temps;Taux à temps;Questionnaires comptés;Questionnaires retenus;Note des questionnaires',
    );
    expect(response.headers['content-disposition']).toMatch(/filename="tableau-de-bord-/);
    const from = addDays(today(), -30);
    const to = addDays(today(), 30);
    expect(lines).toContain(`Cercle;"'=HYPERLINK(""x"")";${from};${to};1;1;1;1;1;0;0;;0;1;`);
    expect(lines).toContain(`Cercle;Codev;${from};${to};2;2;2;4;0,5;3;1;0,333;1;0;87,5`);
    expect(lines.some((line) => line.startsWith(`Territoire;33 – Gironde;${from};`))).toBe(true);
    expect(lines.at(-1)).toMatch(/^Communauté;.*;3;3;3;5;0,6;3;1;0,333;1;1;87,5$/);

    // In English for a reader who uses the interface in English.
    const english = await t.app.inject({
      url: `/api/v1/communities/${slug}/dashboard.csv?${period()}`,
      headers: { cookie: animator.cookie, 'accept-language': 'en' },
    });
    const header = english.body.replace(/^\uFEFF/, '').split('\n')[0];
    expect(header).toMatch(/^Scope,Name,From,To,Sessions held,/);
    expect(english.headers['content-disposition']).toMatch(/filename="dashboard-/);
    await ok('PATCH', `/circles/${codevId}`, facilitator, { territoryCodes: [] });
  });
});
