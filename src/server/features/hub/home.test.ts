import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommunityHome, HomeItem } from '../../../contract/hub.ts';
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

const hour = 3600_000;
const at = (offsetHours: number) => new Date(Date.now() + offsetHours * hour).toISOString();
const yesterday = () => addDays(zonedParts(new Date(), 'Europe/Paris').date, -1);

/** The lists that carry a circle's objects, and the title each circle's object has in them. */
const circleLists = {
  nextSessions: 'Prochaine',
  latestMinutes: 'Passée',
  announcements: 'Annonce',
  openPolls: 'Vote',
  openDatePolls: 'Dates',
  openSignupSheets: 'Inscriptions',
  overdueActions: 'Pas',
} as const satisfies Partial<Record<keyof CommunityHome, string>>;

describe.each(testDialects())('the community home on %s', (dialect) => {
  let t: TestApp;
  let animator: TestUser;
  let facilitator: TestUser;
  let insider: TestUser;
  let member: TestUser;
  let stranger: TestUser;
  let slug: string;
  const ids: Record<string, string> = {};

  const ok = async (method: 'POST' | 'PUT' | 'PATCH', url: string, user: TestUser, payload: object) => {
    const response = await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: user.cookie },
      payload,
    });
    if (response.statusCode >= 300) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const home = async (user?: TestUser, at = slug) => {
    const response = await t.app.inject({
      url: `/api/v1/communities/${at}/home`,
      headers: user ? { cookie: user.cookie } : {},
    });
    return { status: response.statusCode, body: response.json() as CommunityHome };
  };
  const titles = (items: HomeItem[]) => items.map((item) => item.title).sort();

  /** One of everything a circle may hold, each titled with the circle's name. */
  const fillCircle = async (circleId: string, name: string, steward: TestUser) => {
    const next = await buildSession(t.app, steward, circleId, {
      title: `Prochaine ${name}`,
      startsAt: at(48),
      endsAt: at(49),
    });
    ids[`next ${name}`] = next.id;
    const past = await buildSession(t.app, steward, circleId, {
      title: `Passée ${name}`,
      startsAt: at(-48),
      endsAt: at(-47),
    });
    ids[`past ${name}`] = past.id;
    await ok('PUT', `/sessions/${past.id}/announcements`, steward, { items: [`Annonce ${name}`] });
    await ok('POST', `/sessions/${past.id}/actions`, steward, {
      title: `Pas ${name}`,
      dueOn: yesterday(),
      ownerIds: [steward.id],
    });
    await ok('POST', `/circles/${circleId}/polls`, steward, {
      title: `Vote ${name}`,
      kind: 'single',
      options: ['a', 'b'],
    });
    await ok('POST', `/circles/${circleId}/date-polls`, steward, {
      title: `Dates ${name}`,
      slots: [{ startsAt: at(72), endsAt: at(73) }],
    });
    await ok('POST', `/circles/${circleId}/signup-sheets`, steward, {
      title: `Inscriptions ${name}`,
      topics: [{ title: 'Sujet' }],
    });
    await ok('POST', `/circles/${circleId}/surveys`, steward, {
      title: `Questionnaire ${name}`,
      audience: 'members',
      questions: [{ kind: 'scale', text: 'Utile ?' }],
    });
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    animator = await registerUser(t.app, 'Sandrine');
    facilitator = await registerUser(t.app, 'Bernard');
    insider = await registerUser(t.app, 'Awa');
    member = await registerUser(t.app, 'Julie');
    stranger = await registerUser(t.app, 'Inconnu');
    slug = (await buildCommunity(t.app, animator)).slug;
    for (const user of [facilitator, insider, member]) await joinCommunity(t.app, user, slug);
    const open = await buildCircle(t.app, facilitator, slug, { name: 'Codev', visibility: 'public' });
    await addToCircle(t.app, facilitator, open.id, member);
    const closed = await buildCircle(t.app, insider, slug, { name: 'Boussoles', visibility: 'private' });
    await fillCircle(open.id, 'Codev', facilitator);
    await fillCircle(closed.id, 'Boussoles', insider);
    await ok('POST', `/communities/${slug}/events`, animator, {
      title: 'Université',
      startsAt: at(100),
      endsAt: at(108),
      timeZone: 'Europe/Paris',
      visibility: 'community',
    });
    await ok('POST', `/communities/${slug}/glossary`, member, { term: 'Boussole' });
  });
  afterAll(() => t?.close());

  it('shows a private circle’s items, on every list, to its members only', async () => {
    const inside = (await home(insider)).body;
    const outside = (await home(member)).body;
    for (const [list, word] of Object.entries(circleLists) as [keyof typeof circleLists, string][]) {
      expect(titles(inside[list]), list).toEqual([`${word} Boussoles`, `${word} Codev`]);
      expect(titles(outside[list]), list).toEqual([`${word} Codev`]);
    }
  });

  it('links each item to its page and names its circle', async () => {
    const { body } = await home(member);
    expect(body.nextSessions[0]).toMatchObject({
      id: ids['next Codev'],
      url: `/sessions/${ids['next Codev']}`,
      timeZone: 'Europe/Paris',
      circle: { name: 'Codev' },
    });
    expect(body.latestMinutes[0]?.url).toBe(`/sessions/${ids['past Codev']}/minutes`);
    expect(body.announcements[0]?.url).toBe(`/sessions/${ids['past Codev']}`);
    expect(body.overdueActions[0]).toMatchObject({
      url: `/sessions/${ids['past Codev']}`,
      date: yesterday(),
    });
    expect(body.openPolls[0]?.url).toMatch(/^\/polls\//);
    expect(body.openDatePolls[0]?.url).toMatch(/^\/date-polls\//);
    expect(body.openSignupSheets[0]?.url).toMatch(/^\/signup-sheets\//);
    expect(body.seeAll).toEqual({
      sessions: '/my-sessions',
      events: `/c/${slug}/events`,
      myActions: '/my-actions',
      surveys: `/c/${slug}/surveys`,
      glossary: `/c/${slug}/glossary`,
    });
  });

  it('lists one’s own next steps and questionnaires to answer, until answered', async () => {
    const inside = (await home(insider)).body;
    expect(titles(inside.myActions)).toEqual(['Pas Boussoles']);
    expect(titles(inside.surveysToAnswer)).toEqual(['Questionnaire Boussoles']);
    const outside = (await home(member)).body;
    expect(outside.myActions).toEqual([]);
    const [survey] = outside.surveysToAnswer;
    expect(titles(outside.surveysToAnswer)).toEqual(['Questionnaire Codev']);
    const questions = (
      await t.app.inject({ url: `/api/v1/surveys/${survey?.id}`, headers: { cookie: member.cookie } })
    ).json().questions;
    await ok('PUT', `/surveys/${survey?.id}/responses/me`, member, {
      answers: [{ questionId: questions[0].id, value: 4 }],
    });
    expect((await home(member)).body.surveysToAnswer).toEqual([]);
  });

  it('gives signed-out visitors and outsiders what public visitors may see', async () => {
    for (const viewer of [undefined, stranger]) {
      const { status, body } = await home(viewer);
      expect(status).toBe(200);
      for (const [list, word] of Object.entries(circleLists) as [keyof typeof circleLists, string][]) {
        expect(titles(body[list]), list).toEqual([`${word} Codev`]);
      }
      // The community's own event, polls, questionnaires and proposed words are for its members.
      expect(body.events).toEqual([]);
      expect(body.glossary).toEqual([]);
      expect(body.myActions).toEqual([]);
      expect(body.surveysToAnswer).toEqual([]);
      expect(body.seeAll.surveys).toBeNull();
    }
    expect((await home(undefined)).body.seeAll.myActions).toBeNull();
  });

  it('shows members the community’s events and the glossary’s progress', async () => {
    const { body } = await home(member);
    expect(titles(body.events)).toEqual(['Université']);
    expect(body.events[0]?.url).toMatch(/^\/events\//);
    expect(body.glossary).toEqual([
      expect.objectContaining({ url: `/c/${slug}/glossary`, proposed: 1, selected: 0, published: 0 }),
    ]);
  });

  it('answers 404 for a community that does not exist', async () => {
    expect((await home(member, 'no-such-community')).status).toBe(404);
  });
});
