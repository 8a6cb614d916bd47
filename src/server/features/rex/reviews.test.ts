import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/review.ts';
import { zonedParts } from '../../../domain/zoned-time.ts';
import { listenLive, openLiveClient } from '../../testing/live-client.ts';
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

describe.each(testDialects())('a circle’s review and the REX on %s', (dialect) => {
  let t: TestApp;
  let animator: TestUser;
  let facilitator: TestUser;
  let member: TestUser;
  let outsider: TestUser;
  let stranger: TestUser;
  let slug: string;
  let circleId: string;
  let privateId: string;
  let teamId: string;
  let heldId: string;
  const as = (user?: TestUser) => (user ? { cookie: user.cookie } : {});
  const call = (method: 'POST' | 'PATCH' | 'PUT' | 'GET', url: string, user?: TestUser, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: as(user), ...(payload && { payload }) });
  const ok = async (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object, user = facilitator) => {
    const response = await call(method, url, user, payload);
    if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const period = () => `from=${addDays(today(), -30)}&to=${addDays(today(), 30)}`;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    animator = await registerUser(t.app, 'Sandrine');
    facilitator = await registerUser(t.app, 'Bernard');
    member = await registerUser(t.app, 'Julie');
    outsider = await registerUser(t.app, 'Dehors');
    stranger = await registerUser(t.app, 'Inconnu');
    slug = (await buildCommunity(t.app, animator)).slug;
    for (const user of [facilitator, member, outsider]) await joinCommunity(t.app, user, slug);
    circleId = (await buildCircle(t.app, facilitator, slug, { visibility: 'community', name: 'Codev' })).id;
    await addToCircle(t.app, facilitator, circleId, member);
    privateId = (await buildCircle(t.app, animator, slug, { visibility: 'private', name: 'Boussoles' })).id;
    teamId = (
      await buildCircle(t.app, animator, slug, { name: 'Équipe d’animation', kind: 'animation_team' })
    ).id;
    await addToCircle(t.app, animator, teamId, member);

    // Held 10 days ago: 2 present, 1 excused, 1 invited without an answer (4 listed).
    const startsAt = at(-10);
    const held = await buildSession(t.app, facilitator, circleId, {
      title: 'Séance <script>alert(1)</script> | 1',
      startsAt,
      endsAt: hourLater(startsAt),
    });
    heldId = held.id;
    for (const [guestName, status] of [
      ['Anne', 'present'],
      ['Paul', 'present'],
      ['Zoé', 'excused'],
      ['Marc', 'invited'],
    ] as const) {
      await ok('POST', `/sessions/${held.id}/participants`, { guestName, status });
    }
    // Cancelled 5 days ago; planned in 10 days; held 60 days ago (before the period).
    const cancelled = await buildSession(t.app, facilitator, circleId, {
      startsAt: at(-5),
      endsAt: hourLater(at(-5)),
    });
    await ok('POST', `/sessions/${cancelled.id}/cancel`, { reason: 'Grève' });
    await buildSession(t.app, facilitator, circleId, { startsAt: at(10), endsAt: hourLater(at(10)) });
    const older = await buildSession(t.app, facilitator, circleId, {
      startsAt: at(-60),
      endsAt: hourLater(at(-60)),
    });
    // Written today, but recorded at a session before the period: it counts with that session.
    await ok('POST', `/sessions/${older.id}/actions`, { title: 'Ancien pas' });

    // Six next steps: done on time, done late, done without a date, dropped, to do, in progress.
    const step = async (title: string, dueOn: string | undefined, status: string | undefined) => {
      const action = await ok('POST', `/sessions/${held.id}/actions`, { title, ...(dueOn && { dueOn }) });
      if (status) await ok('PATCH', `/actions/${action.id}`, { status });
    };
    await step('À temps', addDays(today(), 5), 'done');
    await step('En retard', addDays(today(), -1), 'done');
    await step('Sans date', undefined, 'done');
    await step('Abandonné', undefined, 'dropped');
    await step('À faire', undefined, undefined);
    await step('En cours', addDays(today(), 3), 'in_progress');

    await ok('POST', `/circles/${circleId}/boards`, { title: 'Tableau' });
    await ok('POST', `/circles/${circleId}/polls`, { title: 'Vote', kind: 'single', options: ['a', 'b'] });
  });
  afterAll(() => t?.close());

  it('counts the sessions, attendance and next steps of the period exactly', async () => {
    const response = await call('GET', `/circles/${circleId}/review?${period()}`, member);
    expect(response.statusCode).toBe(200);
    const review = response.json();
    expect(review).toMatchObject({
      circleId,
      circleName: 'Codev',
      from: addDays(today(), -30),
      to: addDays(today(), 30),
      timeZone: 'Europe/Paris',
      sessions: { held: 1, cancelled: 1, planned: 1 },
      actions: { opened: 6, done: 3, doneOnTime: 1, dropped: 1, open: 2 },
      boards: 1,
      polls: 1,
      surveys: [],
      decision: null,
    });
    expect(review.attendance).toEqual([
      {
        sessionId: heldId,
        title: 'Séance <script>alert(1)</script> | 1',
        startsAt: expect.any(String),
        timeZone: 'Europe/Paris',
        present: 2,
        excused: 1,
        invited: 4,
      },
    ]);
  });

  it('reads a narrower period: the default runs a year to today', async () => {
    const lastWeek = await call('GET', `/circles/${circleId}/review?from=${addDays(today(), -7)}`, member);
    expect(lastWeek.json()).toMatchObject({
      to: today(),
      sessions: { held: 0, cancelled: 1, planned: 0 },
      attendance: [],
      actions: { opened: 0 },
    });
    const year = (await call('GET', `/circles/${circleId}/review`, member)).json();
    expect(year).toMatchObject({
      from: addDays(today(), -365),
      sessions: { held: 2, cancelled: 1, planned: 0 },
      actions: { opened: 7, open: 3 },
    });
  });

  it('hides a circle’s review from those who may not read it (404) and refuses bad periods (400)', async () => {
    expect((await call('GET', `/circles/${circleId}/review`, outsider)).statusCode).toBe(200);
    expect((await call('GET', `/circles/${circleId}/review`, stranger)).statusCode).toBe(404);
    expect((await call('GET', `/circles/${circleId}/review`)).statusCode).toBe(404);
    expect((await call('GET', `/circles/${privateId}/review`, member)).statusCode).toBe(404);
    expect((await call('GET', `/circles/${privateId}/review.md`, member)).statusCode).toBe(404);
    expect((await call('GET', `/circles/${privateId}/review`, animator)).statusCode).toBe(200);
    expect((await call('GET', '/circles/nothing/review', member)).statusCode).toBe(404);
    for (const query of [
      'from=2026-02-30',
      'to=hier',
      'from=2026-06-02&to=2026-06-01',
      'x=1',
      'from=0000-01-01',
    ]) {
      const response = await call('GET', `/circles/${circleId}/review?${query}`, member);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('INVALID_INPUT');
    }
  });

  it('writes the review as inert Markdown, in the request’s language', async () => {
    const fr = await t.app.inject({
      url: `/api/v1/circles/${circleId}/review.md?${period()}`,
      headers: { ...as(member), 'accept-language': 'fr' },
    });
    expect(fr.statusCode).toBe(200);
    expect(fr.headers['content-type']).toContain('text/markdown');
    expect(fr.body).toContain('# Bilan — Codev');
    expect(fr.body).toContain('- 1 tenues');
    expect(fr.body).toContain('Séance &lt;script>alert(1)&lt;/script> \\| 1 | 2 | 1 | 4 |');
    expect(fr.body).not.toContain('<script>');
    const en = await t.app.inject({
      url: `/api/v1/circles/${circleId}/review.md?${period()}`,
      headers: { ...as(member), 'accept-language': 'en' },
    });
    expect(en.body).toContain('# Review — Codev');
    expect(en.body).toContain('- 3 done (of which on time: 1)');
  });

  it('records the REX decision for the circle’s stewards and shows it on the circle', async () => {
    const decide = (payload: object, user: TestUser) =>
      call('PUT', `/circles/${circleId}/decision`, user, payload);
    expect((await decide({ outcome: 'spread' }, member)).statusCode).toBe(403);
    expect((await decide({ outcome: 'spread' }, outsider)).statusCode).toBe(403);
    expect((await decide({ outcome: 'spread' }, stranger)).statusCode).toBe(404);
    const hidden = await call('PUT', `/circles/${privateId}/decision`, member, { outcome: 'end' });
    expect(hidden.statusCode).toBe(404);
    expect((await decide({ outcome: 'grow' }, facilitator)).statusCode).toBe(400);
    expect((await decide({ outcome: 'renew', note: 'x'.repeat(4001) }, facilitator)).statusCode).toBe(400);
    const decided = await decide({ outcome: 'spread', note: 'Essaimer en Gironde' }, facilitator);
    expect(decided.statusCode).toBe(200);
    expect(decided.json().decision).toMatchObject({
      outcome: 'spread',
      note: 'Essaimer en Gironde',
      decidedBy: { id: facilitator.id, name: 'Bernard' },
    });
    // An animator of the community decides too; the later decision replaces the first.
    expect((await decide({ outcome: 'renew' }, animator)).statusCode).toBe(200);
    const circle = (await call('GET', `/circles/${circleId}`, member)).json();
    expect(circle.decision).toMatchObject({ outcome: 'renew', note: '', decidedBy: { id: animator.id } });
    const review = (await call('GET', `/circles/${circleId}/review`, member)).json();
    expect(review.decision.outcome).toBe('renew');
  });

  it('attaches the reviewed circles to a REX session and shows each review the viewer may read', async () => {
    const rex = await buildSession(t.app, animator, teamId, { startsAt: at(20), endsAt: hourLater(at(20)) });
    const put = (payload: object, user: TestUser) =>
      call('PUT', `/sessions/${rex.id}/reviewed-circles`, user, payload);
    expect((await put({ circleIds: [circleId] }, member)).statusCode).toBe(403);
    // Each circle must be of the session's community and readable by the caller.
    const elsewhere = await buildCommunity(t.app, animator);
    const foreign = await buildCircle(t.app, animator, elsewhere.slug);
    const refused = await put({ circleIds: [circleId, foreign.id, 'nothing'] }, animator);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.map((d: { path: string[] }) => d.path.join('.'))).toEqual([
      'body.circleIds.1',
      'body.circleIds.2',
    ]);
    const attached = await put({ circleIds: [circleId, privateId], from: addDays(today(), -30) }, animator);
    expect(attached.statusCode).toBe(200);
    expect(attached.json().mayEdit).toBe(true);
    expect(attached.json().items.map((i: { review: { circleName: string } }) => i.review.circleName)).toEqual(
      ['Codev', 'Boussoles'],
    );
    const codev = attached.json().items[0];
    expect(codev).toMatchObject({
      mayDecide: true,
      review: {
        to: addDays(today(), 20),
        sessions: { held: 1, cancelled: 1, planned: 1 },
        decision: { outcome: 'renew' },
      },
    });
    // Julie reads the team's session and the Codev circle, not the private Boussoles circle.
    const seen = (await call('GET', `/sessions/${rex.id}/reviewed-circles`, member)).json();
    expect(seen.mayEdit).toBe(false);
    expect(seen.items).toHaveLength(1);
    expect(seen.items[0]).toMatchObject({ mayDecide: false, review: { circleName: 'Codev' } });
    expect((await put({ circleIds: [] }, animator)).json().items).toEqual([]);
    expect(
      (await put({ circleIds: [circleId], from: '2026-06-02', to: '2026-06-01' }, animator)).statusCode,
    ).toBe(400);
  });

  it('tells the REX session’s followers live when its reviewed circles change (ids only)', async () => {
    const rex = await buildSession(t.app, animator, teamId, { startsAt: at(25), endsAt: hourLater(at(25)) });
    const watcher = await openLiveClient(await listenLive(t.app), member);
    expect(await watcher.subscribe(`session:${rex.id}`)).toMatchObject({ type: 'subscribed' });
    await ok('PUT', `/sessions/${rex.id}/reviewed-circles`, { circleIds: [circleId] }, animator);
    const frame = await watcher.waitFor(
      (m) => m.type === 'event' && m.event.type === 'session.reviews.updated',
    );
    expect(frame).toMatchObject({ event: { type: 'session.reviews.updated', sessionId: rex.id } });
    expect(JSON.stringify(frame)).not.toContain('Codev');
    watcher.close();
  });

  it('shows the circle’s questionnaires of the period, anonymous ones withheld, in the page and the Markdown', async () => {
    const named = await ok('POST', `/circles/${circleId}/surveys`, {
      title: 'Météo <b>de fin</b>',
      audience: 'members',
      anonymous: false,
      templateId: 'session-weather',
    });
    const [weather, useful] = named.questions;
    await ok(
      'PUT',
      `/surveys/${named.id}/responses/me`,
      {
        answers: [
          { questionId: weather.id, value: weather.options[1].id },
          { questionId: useful.id, value: 4 },
        ],
      },
      member,
    );
    const secret = await ok('POST', `/circles/${circleId}/surveys`, {
      title: 'Bilan anonyme',
      audience: 'members',
      templateId: 'circle-evaluation',
    });
    const review = (await call('GET', `/circles/${circleId}/review?${period()}`, member)).json();
    const byTitle = Object.fromEntries(review.surveys.map((s: { title: string }) => [s.title, s]));
    expect(byTitle['Météo <b>de fin</b>']).toMatchObject({
      id: named.id,
      anonymous: false,
      state: 'open',
      respondents: 1,
    });
    expect(byTitle['Météo <b>de fin</b>'].results.questions[1]).toMatchObject({
      id: useful.id,
      count: 1,
      mean: 4,
    });
    expect(byTitle['Bilan anonyme']).toMatchObject({
      id: secret.id,
      respondents: 0,
      results: { withheld: 'open', questions: [] },
    });
    const md = await t.app.inject({
      url: `/api/v1/circles/${circleId}/review.md?${period()}`,
      headers: { ...as(member), 'accept-language': 'fr' },
    });
    expect(md.body).toContain('## Questionnaires');
    expect(md.body).toContain('### Météo &lt;b>de fin&lt;/b> (1 réponse)');
    expect(md.body).toContain('- **La séance m’a été utile** : 1 réponse · moyenne 4 · médiane 4');
    expect(md.body).toContain('  - Éclaircies : 1');
    expect(md.body).toContain('_anonyme et encore ouvert : résultats à la clôture_');
  });
});
