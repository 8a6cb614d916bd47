import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { remindBeforeClose } from './survey-reminders.ts';

type Question = { id: string; kind: string; options: { id: string; text: string }[] };

describe.each(testDialects())('questionnaires on %s', (dialect) => {
  let t: TestApp;
  let facilitator: TestUser;
  let members: TestUser[];
  let outsider: TestUser;
  let slug: string;
  let circleId: string;
  let privateCircleId: string;
  const as = (user: TestUser | undefined, receipt?: string) => ({
    ...(user && { cookie: user.cookie }),
    ...(receipt && { 'response-receipt': receipt }),
  });
  const create = (payload: object, where = `/circles/${circleId}`, user: TestUser = facilitator) =>
    t.app.inject({ method: 'POST', url: `/api/v1${where}/surveys`, headers: as(user), payload });
  const answer = (id: string, user: TestUser, answers: object[], receipt?: string) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/surveys/${id}/responses/me`,
      headers: as(user, receipt),
      payload: { answers },
    });
  const results = async (id: string, user: TestUser | undefined = facilitator) =>
    (await t.app.inject({ url: `/api/v1/surveys/${id}/results`, headers: as(user) })).json();
  const close = (id: string, user: TestUser = facilitator) =>
    t.app.inject({ method: 'POST', url: `/api/v1/surveys/${id}/close`, headers: as(user) });

  /** A questionnaire with one question of each kind. */
  const everyKind = [
    { kind: 'scale', text: 'Utile ?', required: true, minLabel: 'Pas du tout', maxLabel: 'Tout à fait' },
    { kind: 'nps', text: 'Recommanderiez-vous ?' },
    { kind: 'single', text: 'Humeur', options: ['Bien', 'Mitigé', 'Mal'] },
    { kind: 'multiple', text: 'Freins', options: ['Temps', 'Distance', 'Outils'] },
    { kind: 'text', text: 'Un mot' },
  ];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    facilitator = await registerUser(t.app, 'Sandrine');
    members = [];
    for (const name of ['Bernard', 'Julie', 'Marc', 'Awa', 'Lucie', 'Pierre']) {
      members.push(await registerUser(t.app, name));
    }
    outsider = await registerUser(t.app, 'Outsider');
    slug = (await buildCommunity(t.app, facilitator)).slug;
    const circle = await buildCircle(t.app, facilitator, slug);
    const secret = await buildCircle(t.app, facilitator, slug, { visibility: 'private' });
    circleId = circle.id;
    privateCircleId = secret.id;
    for (const member of members) {
      await joinCommunity(t.app, member, slug);
      await addToCircle(t.app, facilitator, circleId, member);
    }
    await joinCommunity(t.app, outsider, slug);
    await addToCircle(t.app, facilitator, privateCircleId, members[0] as TestUser);
  });
  afterAll(() => t?.close());

  it('copies a built-in template in the author’s language, anonymous by default', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circleId}/surveys`,
      headers: { ...as(facilitator), 'accept-language': 'en' },
      payload: { title: 'End of cycle', audience: 'members', templateId: 'circle-evaluation' },
    });
    expect(created.statusCode).toBe(201);
    const survey = created.json();
    expect(survey).toMatchObject({
      anonymous: true,
      templateId: 'circle-evaluation',
      state: 'open',
      respondents: 0,
      minRespondents: 5,
      // The facilitator is one of the circle's members: asked too.
      abilities: { read: true, takePart: true, steer: true },
    });
    expect(survey.questions[0]).toMatchObject({ id: 'practice', kind: 'scale', min: 1, max: 5 });
    expect(survey.questions.at(-1)).toMatchObject({
      kind: 'nps',
      min: 0,
      max: 10,
      maxLabel: 'Extremely likely',
    });
    expect((await create({ title: 'x', audience: 'members', templateId: 'nope' })).statusCode).toBe(400);
    expect((await create({ title: 'x', audience: 'members' })).statusCode).toBe(400);
    expect(
      (
        await create({
          title: 'x',
          audience: 'members',
          questions: [{ kind: 'single', text: 'q', options: ['a'] }],
        })
      ).statusCode,
    ).toBe(400);
    expect((await create({ title: 'x', audience: 'participants', questions: everyKind })).statusCode).toBe(
      400,
    );
  });

  it('refuses answers that do not fit, after closing, and from outside the audience', async () => {
    const survey = (await create({ title: 'Bilan', audience: 'members', questions: everyKind })).json();
    const [scale, nps, single, multiple] = survey.questions as Question[];
    const [member] = members as [TestUser];
    const bad = async (answers: object[]) => {
      const response = await answer(survey.id, member, answers);
      expect(response.statusCode).toBe(400);
      return response.json().error;
    };
    const outOfRange = await bad([{ questionId: scale?.id, value: 6 }]);
    expect(outOfRange.code).toBe('INVALID_INPUT');
    expect(outOfRange.details).toEqual([
      { path: ['body', 'answers', 0, 'value'], message: `${scale?.id}: between 1 and 5` },
    ]);
    await bad([
      { questionId: scale?.id, value: 3 },
      { questionId: nps?.id, value: -1 },
    ]);
    await bad([
      { questionId: scale?.id, value: 3 },
      { questionId: single?.id, value: 'unknown' },
    ]);
    await bad([
      { questionId: scale?.id, value: 3 },
      { questionId: multiple?.id, value: [multiple?.options[0]?.id, 'x'] },
    ]);
    const missing = await bad([{ questionId: nps?.id, value: 9 }]);
    expect(missing.details).toEqual([
      { path: ['body', 'answers'], message: `${scale?.id}: an answer is required` },
    ]);
    expect((await results(survey.id)).respondents).toBe(0);

    // Outsiders of the circle do not answer (403: the circle is public, they read it).
    expect((await answer(survey.id, outsider, [{ questionId: scale?.id, value: 3 }])).statusCode).toBe(403);
    expect((await answer(survey.id, member, [{ questionId: scale?.id, value: 3 }])).statusCode).toBe(200);
    expect((await close(survey.id, member)).statusCode).toBe(403);
    expect((await close(survey.id)).statusCode).toBe(200);
    expect((await close(survey.id)).statusCode).toBe(409);
    expect(
      (await answer(survey.id, members[1] as TestUser, [{ questionId: scale?.id, value: 3 }])).statusCode,
    ).toBe(409);
  });

  it('hides a private circle’s questionnaires from non-members (404)', async () => {
    const survey = (
      await create(
        { title: 'Entre nous', audience: 'members', questions: everyKind },
        `/circles/${privateCircleId}`,
      )
    ).json();
    for (const who of [outsider, undefined]) {
      expect((await t.app.inject({ url: `/api/v1/surveys/${survey.id}`, headers: as(who) })).statusCode).toBe(
        404,
      );
      expect(
        (await t.app.inject({ url: `/api/v1/surveys/${survey.id}/results`, headers: as(who) })).statusCode,
      ).toBe(404);
    }
    expect((await answer(survey.id, outsider, [])).statusCode).toBe(404);
    const list = await t.app.inject({
      url: `/api/v1/circles/${privateCircleId}/surveys`,
      headers: as(outsider),
    });
    expect(list.statusCode).toBe(404);
    const mine = await t.app.inject({
      url: `/api/v1/circles/${privateCircleId}/surveys`,
      headers: as(members[0]),
    });
    expect(mine.json().items.map((s: { id: string }) => s.id)).toEqual([survey.id]);
  });

  it('keeps no link between a person and their anonymous answers, and withholds results', async () => {
    const survey = (
      await create({ title: 'Anonyme', audience: 'members', minRespondents: 5, questions: everyKind })
    ).json();
    const [scale, , , , text] = survey.questions as Question[];
    const receipts: string[] = [];
    for (const [i, member] of members.slice(0, 4).entries()) {
      const response = await answer(survey.id, member, [
        { questionId: scale?.id, value: i + 1 },
        { questionId: text?.id, value: `mot ${i}` },
      ]);
      expect(response.statusCode).toBe(200);
      receipts.push(response.json().receipt);
    }
    // A second set of answers needs the receipt; with it, the answers change (still one response).
    const [first] = members as [TestUser];
    expect((await answer(survey.id, first, [{ questionId: scale?.id, value: 5 }])).statusCode).toBe(409);
    expect(
      (await answer(survey.id, first, [{ questionId: scale?.id, value: 5 }], 'not-a-receipt')).statusCode,
    ).toBe(403);
    expect(
      (await answer(survey.id, first, [{ questionId: scale?.id, value: 5 }], receipts[0])).statusCode,
    ).toBe(200);
    const mine = await t.app.inject({
      url: `/api/v1/surveys/${survey.id}/responses/me`,
      headers: as(first, receipts[0]),
    });
    expect(mine.json().answers).toEqual([{ questionId: scale?.id, value: 5 }]);
    // Someone else's receipt does not open them for a person who has not answered.
    expect(
      (
        await t.app.inject({
          url: `/api/v1/surveys/${survey.id}/responses/me`,
          headers: as(members[5], receipts[1]),
        })
      ).json().answers,
    ).toEqual([]);

    // Open: only the number of respondents, for everyone, organisers included.
    expect(await results(survey.id)).toEqual({
      respondents: 4,
      withheld: 'open',
      minRespondents: 5,
      questions: [],
    });
    expect(
      (await t.app.inject({ url: `/api/v1/surveys/${survey.id}/results.csv`, headers: as(facilitator) }))
        .statusCode,
    ).toBe(409);
    await close(survey.id);
    // Reopened, its results could be compared at two closes: it stays closed.
    const reopen = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/surveys/${survey.id}`,
      headers: as(facilitator),
      payload: { closesAt: '2099-01-01T00:00:00Z' },
    });
    expect(reopen.statusCode).toBe(409);
    // Closed with 4 of the 5 needed: still only the count.
    expect(await results(survey.id, members[2])).toEqual({
      respondents: 4,
      withheld: 'threshold',
      minRespondents: 5,
      questions: [],
    });

    // In the database: responses carry no person and no time; "has answered" carries no answer.
    const rows = await t.database.db
      .selectFrom('surveyResponses')
      .selectAll()
      .where('surveyId', '=', survey.id)
      .execute();
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row).toMatchObject({ userId: null, guestName: null, updatedAt: null });
      expect(row.receiptHash).not.toContain(receipts[0]);
    }
    const respondents = await t.database.db
      .selectFrom('surveyRespondents')
      .selectAll()
      .where('surveyId', '=', survey.id)
      .execute();
    expect(Object.keys(respondents[0] ?? {}).sort()).toEqual(['surveyId', 'userId']);
    expect(respondents.map((r) => r.userId).sort()).toEqual(
      members
        .slice(0, 4)
        .map((m) => m.id)
        .sort(),
    );
  });

  it('tells live followers how many answered, and never who or what', async () => {
    const url = await listenLive(t.app);
    const survey = (await create({ title: 'En direct', audience: 'members', questions: everyKind })).json();
    const watcher = await openLiveClient(url, facilitator);
    const outsiderSocket = await openLiveClient(url, outsider);
    expect((await watcher.subscribe(`survey:${survey.id}`)).type).toBe('subscribed');
    // A public circle's questionnaire: readers follow it too, and see the same frame.
    expect((await outsiderSocket.subscribe(`survey:${survey.id}`)).type).toBe('subscribed');
    const [member] = members as [TestUser];
    await answer(survey.id, member, [{ questionId: survey.questions[0].id, value: 4 }]);
    const frame = await watcher.waitFor((m) => m.type === 'event' && m.event.type === 'survey.responded');
    const text = JSON.stringify(frame);
    expect(text).toContain('"respondents":1');
    expect(text).not.toContain(member.id);
    expect(text).not.toContain(member.name);
    expect(text).not.toMatch(/"value"|"answers"/);
    watcher.close();
    outsiderSocket.close();
  });

  it('counts results that equal a recount, and writes one CSV row per response, formulas neutralised', async () => {
    const survey = (
      await create({ title: 'Nommé', audience: 'members', anonymous: false, questions: everyKind })
    ).json();
    const [scale, nps, single, multiple, text] = survey.questions as Question[];
    const given = [
      { scale: 5, nps: 10, single: 0, multiple: [0, 1], text: '=HYPERLINK("http://evil")' },
      { scale: 4, nps: 9, single: 0, multiple: [1], text: 'Très bien' },
      { scale: 2, nps: 6, single: 2, multiple: [], text: '' },
      { scale: 3, nps: 8, single: 1, multiple: [2], text: 'ok' },
    ];
    for (const [i, g] of given.entries()) {
      const response = await answer(survey.id, members[i] as TestUser, [
        { questionId: scale?.id, value: g.scale },
        { questionId: nps?.id, value: g.nps },
        { questionId: single?.id, value: single?.options[g.single]?.id },
        { questionId: multiple?.id, value: g.multiple.map((o) => multiple?.options[o]?.id) },
        { questionId: text?.id, value: g.text },
      ]);
      expect(response.statusCode).toBe(200);
    }
    // A named answer is changed by answering again.
    expect(
      (await answer(survey.id, members[3] as TestUser, [{ questionId: scale?.id, value: 1 }])).statusCode,
    ).toBe(200);
    const counted = await results(survey.id, members[5]);
    expect(counted.withheld).toBeNull();
    expect(counted.respondents).toBe(4);
    const byId = Object.fromEntries(counted.questions.map((q: { id: string }) => [q.id, q]));
    // scale: 5, 4, 2, 1 → mean 3, median 3.
    expect(byId[scale?.id ?? '']).toMatchObject({ count: 4, mean: 3, median: 3 });
    expect(byId[scale?.id ?? ''].distribution.map((d: { count: number }) => d.count)).toEqual([
      1, 1, 0, 1, 1,
    ]);
    // nps: 10, 9, 6 (the fourth answer dropped it): 2 promoters, 1 detractor of 3 → 33.
    expect(byId[nps?.id ?? '']).toMatchObject({ count: 3, nps: 33, median: 9, mean: 8.33 });
    expect(byId[single?.id ?? ''].options.map((o: { count: number }) => o.count)).toEqual([2, 0, 1]);
    expect(byId[multiple?.id ?? ''].options.map((o: { count: number }) => o.count)).toEqual([1, 2, 0]);
    expect(byId[text?.id ?? ''].texts).toEqual(['=HYPERLINK("http://evil")', 'Très bien']);

    expect(
      (await t.app.inject({ url: `/api/v1/surveys/${survey.id}/results.csv`, headers: as(members[0]) }))
        .statusCode,
    ).toBe(403);
    const csv = await t.app.inject({
      url: `/api/v1/surveys/${survey.id}/results.csv?separator=semicolon`,
      headers: as(facilitator),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(1 + 4);
    expect(lines[0]).toBe('Répondant·e;Répondu le;Utile ?;Recommanderiez-vous ?;Humeur;Freins;Un mot');
    expect(lines.find((l) => l.startsWith('Bernard'))).toContain(
      `;5;10;Bien;Temps, Distance;"'=HYPERLINK(""http://evil"")"`,
    );
    expect(lines.find((l) => l.startsWith('Awa'))).toMatch(/;1;;;;$/);
  });

  it('lets guests answer through the share link and change only with their private link', async () => {
    const survey = (
      await create({ title: 'Ouvert', audience: 'link', anonymous: false, questions: everyKind })
    ).json();
    expect(survey.shareUrl).toMatch(/\/q\/[A-Za-z0-9_-]{20,}$/);
    const token = survey.shareUrl.split('/q/')[1];
    const seen = await t.app.inject({ url: `/api/v1/survey-links/${token}` });
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({
      id: survey.id,
      shareUrl: null,
      abilities: { takePart: true, steer: false },
    });
    expect((await t.app.inject({ url: '/api/v1/survey-links/not-a-real-token' })).statusCode).toBe(404);
    const scale = survey.questions[0].id;
    const post = (payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/v1/surveys/${survey.id}/guest-responses`, payload });
    expect(
      (await post({ token: 'wrong-token-xxxx', answers: [{ questionId: scale, value: 3 }] })).statusCode,
    ).toBe(404);
    expect((await post({ token, answers: [{ questionId: scale, value: 9 }] })).statusCode).toBe(400);
    const given = await post({ token, name: 'Agent curieux', answers: [{ questionId: scale, value: 3 }] });
    expect(given.statusCode).toBe(201);
    const { editToken, editUrl } = given.json();
    expect(editUrl).toContain(editToken);
    const put = (edit: string, value: number) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/surveys/${survey.id}/guest-responses/${edit}`,
        payload: { answers: [{ questionId: scale, value }] },
      });
    expect((await put('someone-elses-token', 4)).statusCode).toBe(404);
    expect((await put(editToken, 4)).statusCode).toBe(200);
    const read = await t.app.inject({ url: `/api/v1/surveys/${survey.id}/guest-responses/${editToken}` });
    expect(read.json().answers).toEqual([{ questionId: scale, value: 4 }]);
    expect((await results(survey.id)).respondents).toBe(1);
    await close(survey.id);
    expect((await put(editToken, 5)).statusCode).toBe(409);
    // A share link of a questionnaire for members is no way in.
    const members_ = (await create({ title: 'Membres', audience: 'members', questions: everyKind })).json();
    expect(members_.shareUrl).toBeNull();
  });

  it('reminds those who have not answered, by mail, once a day, and never those who have', async () => {
    const survey = (
      await create({
        title: 'Météo',
        audience: 'members',
        templateId: 'session-weather',
        closesAt: '2099-06-01T16:00:00Z',
      })
    ).json();
    const weather = survey.questions[0];
    for (const member of members.slice(0, 2)) {
      await answer(survey.id, member, [{ questionId: weather.id, value: weather.options[0].id }]);
    }
    const remind = () =>
      t.app.inject({ method: 'POST', url: `/api/v1/surveys/${survey.id}/remind`, headers: as(facilitator) });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/surveys/${survey.id}/remind`,
          headers: as(members[0]),
        })
      ).statusCode,
    ).toBe(403);
    // Six members and the facilitator (a member too), two of whom answered.
    expect((await remind()).json()).toEqual({ reminded: 5 });
    // One of them answers before the mail goes: the reminder is checked when it is sent.
    await answer(survey.id, members[2] as TestUser, [
      { questionId: weather.id, value: weather.options[1].id },
    ]);
    await t.runJobs();
    const mail = t.lastMailTo((members[3] as TestUser).email);
    expect(mail.subject).toContain('Météo');
    expect(mail.text).toContain(`/surveys/${survey.id}`);
    expect(mail.text).toContain('anonyme');
    const reminded = (user: TestUser) => {
      try {
        return t.lastMailTo(user.email).subject.includes('Météo');
      } catch {
        return false;
      }
    };
    expect(reminded(facilitator)).toBe(true);
    expect(reminded(members[2] as TestUser)).toBe(false);
    expect(reminded(members[0] as TestUser)).toBe(false);
    // Pressed again the same day: the same jobs, no second mail.
    const before = await t.database.db.selectFrom('mailDeliveries').select('idempotencyKey').execute();
    await remind();
    await t.runJobs();
    const after = await t.database.db.selectFrom('mailDeliveries').select('idempotencyKey').execute();
    expect(after.length).toBe(before.length);
    await close(survey.id);
    expect((await remind()).statusCode).toBe(409);
  });

  it('reminds by itself the day before the closing time, once, those who have not answered', async () => {
    const hour = 3_600_000;
    const closesAt = new Date(Date.now() + 48 * hour).toISOString();
    const survey = (
      await create({ title: 'Bientôt clos', audience: 'members', templateId: 'session-weather', closesAt })
    ).json();
    const weather = survey.questions[0];
    for (const member of members.slice(0, 5)) {
      await answer(survey.id, member, [{ questionId: weather.id, value: weather.options[0].id }]);
    }
    const queued = async () =>
      (
        await t.database.db
          .selectFrom('jobs')
          .select('key')
          .where('key', 'like', `survey-reminder:${survey.id}:%`)
          .execute()
      ).map((job) => job.key);
    // Two days before: nothing yet. Twelve hours before (made 36 hours earlier): the one who has not.
    await remindBeforeClose(t.database.db, new Date());
    expect(await queued()).toEqual([]);
    const dayBefore = new Date(Date.now() + 36 * hour);
    await remindBeforeClose(t.database.db, dayBefore);
    await remindBeforeClose(t.database.db, new Date(dayBefore.getTime() + 60_000));
    expect((await queued()).sort()).toEqual(
      [members[5] as TestUser, facilitator]
        .map((u) => `survey-reminder:${survey.id}:${u.id}:before-close`)
        .sort(),
    );
    await t.runJobs();
    expect(t.lastMailTo((members[5] as TestUser).email).subject).toContain('Bientôt clos');
  });

  it('asks a session’s listed people when the audience is its participants', async () => {
    const session = await buildSession(t.app, facilitator, circleId);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${session.id}/participants`,
      headers: as(facilitator),
      payload: { userId: (members[4] as TestUser).id, status: 'present' },
    });
    const survey = (
      await create({
        title: 'Séance',
        audience: 'participants',
        sessionId: session.id,
        templateId: 'session-weather',
      })
    ).json();
    expect(survey).toMatchObject({ sessionId: session.id, sessionTitle: session.title });
    const weather = survey.questions[0];
    const value = [{ questionId: weather.id, value: weather.options[0].id }];
    expect((await answer(survey.id, members[0] as TestUser, value)).statusCode).toBe(403);
    expect((await answer(survey.id, members[4] as TestUser, value)).statusCode).toBe(200);
    const other = await buildSession(t.app, facilitator, privateCircleId);
    const elsewhere = await create({
      title: 'x',
      audience: 'participants',
      sessionId: other.id,
      templateId: 'session-weather',
    });
    expect(elsewhere.statusCode).toBe(400);
  });

  it('keeps a community’s own templates and compares the questionnaires made from one', async () => {
    const base = (
      await create({ title: 'Cycle 1', audience: 'members', anonymous: false, questions: everyKind })
    ).json();
    const saved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${base.id}/template`,
      headers: as(facilitator),
      payload: { title: 'Bilan maison' },
    });
    expect(saved.statusCode).toBe(201);
    const template = saved.json();
    expect(template).toMatchObject({ title: 'Bilan maison', builtIn: false });
    const listed = await t.app.inject({
      url: `/api/v1/survey-templates?community=${slug}`,
      headers: as(members[0]),
    });
    expect(listed.json().items.map((x: { id: string }) => x.id)).toEqual([
      'circle-evaluation',
      'session-weather',
      'facilitator-feedback',
      template.id,
    ]);
    const inCircle = (
      await create({ title: 'Cycle 2', audience: 'members', anonymous: false, templateId: template.id })
    ).json();
    const inPrivate = (
      await create(
        { title: 'Cycle privé', audience: 'members', anonymous: false, templateId: template.id },
        `/circles/${privateCircleId}`,
      )
    ).json();
    expect(inCircle.questions.map((q: Question) => q.id)).toEqual(
      template.questions.map((q: Question) => q.id),
    );
    const scaleId = template.questions[0].id;
    await answer(inCircle.id, members[1] as TestUser, [{ questionId: scaleId, value: 5 }]);
    await answer(inPrivate.id, members[0] as TestUser, [{ questionId: scaleId, value: 2 }]);
    const compare = async (user: TestUser) =>
      (
        await t.app.inject({
          url: `/api/v1/survey-templates/${template.id}/comparison?community=${slug}`,
          headers: as(user),
        })
      ).json();
    const seenByMember = await compare(members[0] as TestUser);
    expect(seenByMember.surveys.map((s: { title: string }) => s.title)).toEqual(['Cycle 2', 'Cycle privé']);
    expect(seenByMember.surveys[1].results.questions[0]).toMatchObject({ id: scaleId, mean: 2 });
    // The private circle's questionnaire is not shown to who may not read it.
    expect((await compare(outsider)).surveys.map((s: { title: string }) => s.title)).toEqual(['Cycle 2']);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/v1/survey-templates/${template.id}`,
          headers: as(members[0]),
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/v1/survey-templates/${template.id}`,
          headers: as(facilitator),
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ url: `/api/v1/surveys/${inCircle.id}`, headers: as(facilitator) })).statusCode,
    ).toBe(200);
  });

  it('lets animators ask the whole community', async () => {
    expect(
      (
        await create(
          { title: 'Tous', audience: 'members', templateId: 'circle-evaluation' },
          `/communities/${slug}`,
          members[0],
        )
      ).statusCode,
    ).toBe(403);
    const survey = await create(
      { title: 'Tous', audience: 'members', templateId: 'circle-evaluation' },
      `/communities/${slug}`,
    );
    expect(survey.statusCode).toBe(201);
    expect(survey.json()).toMatchObject({ circleId: null, abilities: { steer: true } });
    const list = await t.app.inject({ url: `/api/v1/communities/${slug}/surveys`, headers: as(outsider) });
    expect(list.json().items.map((s: { id: string }) => s.id)).toEqual([survey.json().id]);
    const seen = await t.app.inject({ url: `/api/v1/surveys/${survey.json().id}`, headers: as(outsider) });
    expect(seen.json().abilities).toEqual({ read: true, takePart: true, steer: false });
    expect((await t.app.inject({ url: `/api/v1/surveys/${survey.json().id}` })).statusCode).toBe(404);
  });
});
