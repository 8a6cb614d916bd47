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

const slots = [
  { startsAt: '2027-12-08T11:00:00+01:00', endsAt: '2027-12-08T12:30:00+01:00' },
  { startsAt: '2027-12-10T14:00:00+01:00', endsAt: '2027-12-10T15:30:00+01:00' },
  { startsAt: '2027-12-11T09:30:00+01:00', endsAt: '2027-12-11T11:00:00+01:00' },
];

describe.each(testDialects())('date polls on %s', (dialect) => {
  let t: TestApp;
  let organiser: TestUser;
  let facilitator: TestUser;
  let bernard: TestUser;
  let isabelle: TestUser;
  let outsider: TestUser;
  let circleId: string;
  let publicCircleId: string;

  const as = (user: TestUser | undefined) => (user ? { cookie: user.cookie } : {});
  const createPoll = (payload: object, user: TestUser = organiser, circle = circleId) =>
    t.app.inject({ method: 'POST', url: `/api/v1/circles/${circle}/date-polls`, headers: as(user), payload });
  const getPoll = (id: string, user?: TestUser) =>
    t.app.inject({ method: 'GET', url: `/api/v1/date-polls/${id}`, headers: as(user) });
  const answer = (id: string, user: TestUser, payload: object) =>
    t.app.inject({ method: 'PUT', url: `/api/v1/date-polls/${id}/answers/me`, headers: as(user), payload });
  const slotIds = (poll: { slots: { id: string }[] }) =>
    poll.slots.map((slot) => slot.id) as [string, string, string];
  const outbox = () => t.database.db.selectFrom('outboxMessages').selectAll().execute();
  /**
   * The mails sent since `seen` was taken (`mailsBefore()`), by id: the outbox is read without an
   * order, and PostgreSQL may return older rows after newer ones.
   */
  const mailsBefore = async () => new Set((await outbox()).map((mail) => mail.id));
  const mailsSince = async (seen: Set<string>) => (await outbox()).filter((mail) => !seen.has(mail.id));

  beforeAll(async () => {
    t = await createTestApp(dialect);
    facilitator = await registerUser(t.app, 'Florent');
    organiser = await registerUser(t.app, 'Philippe');
    bernard = await registerUser(t.app, 'Bernard');
    isabelle = await registerUser(t.app, 'Isabelle');
    outsider = await registerUser(t.app, 'Outsider');
    const community = await buildCommunity(t.app, facilitator);
    for (const user of [organiser, bernard, isabelle, outsider])
      await joinCommunity(t.app, user, community.slug);
    circleId = (
      await buildCircle(t.app, facilitator, community.slug, { visibility: 'private', name: 'Équipe' })
    ).id;
    for (const user of [organiser, bernard, isabelle]) await addToCircle(t.app, facilitator, circleId, user);
    publicCircleId = (await buildCircle(t.app, facilitator, community.slug, { visibility: 'public' })).id;
  });
  afterAll(() => t.close());

  it('refuses bad polls with clear 400s', async () => {
    const past = new Date(Date.now() - 3600_000).toISOString();
    const cases = [
      { title: 'x', slots: [{ startsAt: slots[0]?.endsAt, endsAt: slots[0]?.startsAt }] },
      { title: 'x', slots: [slots[0], slots[0]] },
      { title: 'x', slots, deadline: past },
      { title: ' ', slots },
      { title: 'x', slots: [] },
      {
        title: 'x',
        slots: Array.from({ length: 61 }, (_, i) => ({
          startsAt: new Date(Date.UTC(2027, 0, 1, i)).toISOString(),
          endsAt: new Date(Date.UTC(2027, 0, 1, i, 30)).toISOString(),
        })),
      },
      { title: 'x', slots, timeZone: 'Mars/Olympus' },
    ];
    for (const payload of cases) {
      const response = await createPoll(payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(response.json().error.code).toBe('INVALID_INPUT');
    }
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/circles/${circleId}/date-polls`,
          headers: as(organiser),
        })
      ).json().items,
    ).toEqual([]);
  });

  it('refuses slots in the past and slots ending before they start, naming the field of each', async () => {
    const hourAgo = Date.now() - 3600_000;
    const response = await createPoll({
      title: 'Trop tard',
      slots: [
        slots[0],
        { startsAt: new Date(hourAgo).toISOString(), endsAt: new Date(hourAgo + 1800_000).toISOString() },
        slots[1],
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'INVALID_INPUT',
      details: [{ path: ['body', 'slots', '1', 'startsAt'], message: 'in-the-past' }],
    });
    const backwards = await createPoll({
      title: 'À l’envers',
      slots: [slots[0], { startsAt: slots[1]?.endsAt, endsAt: slots[1]?.startsAt }],
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.code).toBe('INVALID_INPUT');
    expect(backwards.json().error.details[0].path).toEqual(['body', 'slots', '1', 'endsAt']);
  });

  it('lets members answer, tallies the grid and flags the best slots', async () => {
    const created = await createPoll({ title: 'Deux séances de travail', slots, timeZone: 'Europe/Paris' });
    expect(created.statusCode).toBe(201);
    const poll = created.json();
    expect(poll).toMatchObject({
      title: 'Deux séances de travail',
      timeZone: 'Europe/Paris',
      status: 'open',
    });
    expect(poll.slots.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      '2027-12-08T10:00:00.000Z',
      '2027-12-10T13:00:00.000Z',
      '2027-12-11T08:30:00.000Z',
    ]);
    const [a, b, c] = slotIds(poll);
    expect(
      (
        await answer(poll.id, bernard, {
          answers: [
            { slotId: a, value: 'yes' },
            { slotId: b, value: 'maybe' },
          ],
          comment: 'Pas le jeudi matin',
        })
      ).statusCode,
    ).toBe(200);
    await answer(poll.id, isabelle, {
      answers: [
        { slotId: a, value: 'no' },
        { slotId: b, value: 'yes' },
        { slotId: c, value: 'yes' },
      ],
    });
    // A second answer replaces the first; left-out slots are unanswered.
    const replaced = await answer(poll.id, organiser, { answers: [{ slotId: c, value: 'no' }] });
    await answer(poll.id, organiser, { answers: [{ slotId: b, value: 'yes' }] });
    expect(replaced.statusCode).toBe(200);
    const read = (await getPoll(poll.id, bernard)).json();
    expect(
      read.slots.map((s: { yes: number; maybe: number; no: number; isBest: boolean }) => [
        s.yes,
        s.maybe,
        s.no,
        s.isBest,
      ]),
    ).toEqual([
      [1, 0, 1, false],
      [2, 1, 0, true],
      [1, 0, 0, false],
    ]);
    expect(read.participants).toHaveLength(3);
    expect(read.participants.find((p: { name: string }) => p.name === 'Bernard')).toMatchObject({
      isMe: true,
      comment: 'Pas le jeudi matin',
    });
    expect(read.participants.find((p: { name: string }) => p.name === 'Philippe').answers).toEqual([
      { slotId: b, value: 'yes' },
    ]);
    expect(read.shareToken).toEqual(expect.any(String));
  });

  it('refuses unknown slots, unknown values and answers from outside the circle', async () => {
    const poll = (await createPoll({ title: 'Rules', slots })).json();
    const [a] = slotIds(poll);
    expect((await answer(poll.id, bernard, { answers: [{ slotId: 'nope', value: 'yes' }] })).statusCode).toBe(
      400,
    );
    expect((await answer(poll.id, bernard, { answers: [{ slotId: a, value: 'perhaps' }] })).statusCode).toBe(
      400,
    );
    expect(
      (
        await answer(poll.id, bernard, {
          answers: [
            { slotId: a, value: 'yes' },
            { slotId: a, value: 'no' },
          ],
        })
      ).statusCode,
    ).toBe(400);
    // Private circle: a non-member meets 404 everywhere.
    expect((await getPoll(poll.id, outsider)).statusCode).toBe(404);
    expect((await getPoll(poll.id)).statusCode).toBe(404);
    expect((await answer(poll.id, outsider, { answers: [] })).statusCode).toBe(404);
    expect((await createPoll({ title: 'x', slots }, outsider)).statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/circles/${circleId}/date-polls`,
          headers: as(outsider),
        })
      ).statusCode,
    ).toBe(404);
    const guest = await t.app.inject({
      method: 'POST',
      url: `/api/v1/date-polls/${poll.id}/guest-answers`,
      payload: { name: 'Intrus', answers: [] },
    });
    expect(guest.statusCode).toBe(404);
    expect((await getPoll(poll.id, bernard)).json().participants).toEqual([]);
  });

  it('takes guests through the shareable link; only their private link edits their answer', async () => {
    const poll = (await createPoll({ title: 'Avec des invités', slots })).json();
    const [a, b] = slotIds(poll);
    const byLink = await t.app.inject({
      method: 'GET',
      url: `/api/v1/date-polls/by-link/${poll.shareToken}`,
    });
    expect(byLink.statusCode).toBe(200);
    expect(byLink.json()).toMatchObject({ id: poll.id, shareToken: null, canAnswer: false, canClose: false });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/date-polls/by-link/wrong-token' })).statusCode,
    ).toBe(404);

    const post = (payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/v1/date-polls/${poll.id}/guest-answers`, payload });
    expect((await post({ name: '  ', answers: [], shareToken: poll.shareToken })).statusCode).toBe(400);
    expect((await post({ name: 'Julie', answers: [], shareToken: 'guess' })).statusCode).toBe(404);
    const created = await post({
      name: 'Julie',
      email: 'julie@example.org',
      answers: [{ slotId: a, value: 'maybe' }],
      shareToken: poll.shareToken,
    });
    expect(created.statusCode).toBe(201);
    const { editToken } = created.json();
    expect(editToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const stored = await t.database.db
      .selectFrom('datePollResponses')
      .select('editTokenHash')
      .where('guestName', '=', 'Julie')
      .executeTakeFirstOrThrow();
    expect(stored.editTokenHash).not.toContain(editToken);

    const put = (token: string, payload: object) =>
      t.app.inject({ method: 'PUT', url: `/api/v1/date-polls/${poll.id}/guest-answers/${token}`, payload });
    expect((await put('not-the-token', { answers: [{ slotId: b, value: 'yes' }] })).statusCode).toBe(404);
    const edited = await put(editToken, {
      answers: [{ slotId: b, value: 'yes' }],
      comment: 'Plutôt le jeudi',
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      name: 'Julie',
      comment: 'Plutôt le jeudi',
      answers: [{ slotId: b, value: 'yes' }],
    });
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/v1/date-polls/${poll.id}/guest-answers/${editToken}`,
    });
    expect(mine.json().poll.participants.find((p: { isMe: boolean }) => p.isMe).name).toBe('Julie');
    // Another poll's id with this token is not this answer.
    const other = (await createPoll({ title: 'Autre', slots })).json();
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/v1/date-polls/${other.id}/guest-answers/${editToken}`,
          payload: { answers: [] },
        })
      ).statusCode,
    ).toBe(404);
    const grid = (await getPoll(poll.id, bernard)).json();
    expect(grid.participants).toMatchObject([{ name: 'Julie', isGuest: true }]);
    expect(grid.slots.map((s: { yes: number; maybe: number }) => [s.yes, s.maybe])).toEqual([
      [0, 0],
      [1, 0],
      [0, 0],
    ]);
  });

  it('lets guests answer a public circle’s poll without the secret', async () => {
    const poll = (await createPoll({ title: 'Ouvert', slots }, facilitator, publicCircleId)).json();
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/date-polls/${poll.id}/guest-answers`,
      payload: { name: 'Passant', answers: [{ slotId: poll.slots[0].id, value: 'yes' }] },
    });
    expect(response.statusCode).toBe(201);
  });

  it('hides names from the others, not from the organiser', async () => {
    const poll = (await createPoll({ title: 'Discret', slots, hideParticipants: true })).json();
    const [a] = slotIds(poll);
    await answer(poll.id, bernard, { answers: [{ slotId: a, value: 'yes' }], comment: 'secret' });
    await answer(poll.id, isabelle, { answers: [{ slotId: a, value: 'no' }] });
    const seenByIsabelle = (await getPoll(poll.id, isabelle)).json();
    expect(seenByIsabelle.participants.map((p: { name: string | null }) => p.name)).toEqual([
      null,
      'Isabelle',
    ]);
    expect(seenByIsabelle.participants[0].comment).toBe('');
    expect(seenByIsabelle.slots[0]).toMatchObject({ yes: 1, no: 1 });
    const seenByOrganiser = (await getPoll(poll.id, organiser)).json();
    expect(seenByOrganiser.participants.map((p: { name: string | null }) => p.name)).toEqual([
      'Bernard',
      'Isabelle',
    ]);
    const seenByFacilitator = (await getPoll(poll.id, facilitator)).json();
    expect(seenByFacilitator.participants[0].name).toBe('Bernard');
  });

  it('closes on a slot: creates the session, invites yes and if-need-be people, mails everyone', async () => {
    const poll = (await createPoll({ title: 'Séance de travail', slots, timeZone: 'Europe/Paris' })).json();
    const [a, b] = slotIds(poll);
    await answer(poll.id, bernard, { answers: [{ slotId: b, value: 'yes' }] });
    await answer(poll.id, isabelle, { answers: [{ slotId: b, value: 'maybe' }] });
    await answer(poll.id, organiser, {
      answers: [
        { slotId: b, value: 'no' },
        { slotId: a, value: 'yes' },
      ],
    });
    const guest = await t.app.inject({
      method: 'POST',
      url: `/api/v1/date-polls/${poll.id}/guest-answers`,
      payload: {
        name: 'Julie',
        email: 'julie.guest@example.org',
        answers: [{ slotId: b, value: 'yes' }],
        shareToken: poll.shareToken,
      },
    });
    const before = await mailsBefore();
    const close = (user: TestUser, slotId: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/date-polls/${poll.id}/close`,
        headers: as(user),
        payload: { slotId },
      });
    expect((await close(bernard, b)).statusCode).toBe(403);
    expect((await close(organiser, 'unknown')).statusCode).toBe(400);
    const closed = await close(organiser, b);
    expect(closed.statusCode).toBe(200);
    const { session } = closed.json();
    expect(session).toMatchObject({
      circleId,
      title: 'Séance de travail',
      startsAt: '2027-12-10T13:00:00.000Z',
      endsAt: '2027-12-10T14:30:00.000Z',
      timeZone: 'Europe/Paris',
    });
    expect(
      session.participants.map((p: { name: string; status: string }) => [p.name, p.status]).sort(),
    ).toEqual([
      ['Bernard', 'invited'],
      ['Isabelle', 'invited'],
      ['Julie', 'invited'],
    ]);
    const read = (await getPoll(poll.id, bernard)).json();
    expect(read).toMatchObject({
      status: 'closed',
      chosenSlotId: b,
      sessionId: session.id,
      canAnswer: false,
    });
    // Answers and a second close after closing: 409, no second session.
    expect((await answer(poll.id, bernard, { answers: [] })).statusCode).toBe(409);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/v1/date-polls/${poll.id}/guest-answers/${guest.json().editToken}`,
          payload: { answers: [] },
        })
      ).statusCode,
    ).toBe(409);
    expect((await close(facilitator, a)).statusCode).toBe(409);
    const sessions = await t.database.db
      .selectFrom('sessions')
      .select('id')
      .where('title', '=', 'Séance de travail')
      .execute();
    expect(sessions).toHaveLength(1);

    // The mails were queued with the close; the runner sends each once, however often it runs.
    expect(await mailsSince(before)).toHaveLength(0);
    await t.runJobs();
    await t.runJobs();
    const mails = await mailsSince(before);
    const to = (address: string) => mails.find((mail) => mail.toAddress === address);
    expect(mails.map((mail) => mail.toAddress).sort()).toEqual(
      [bernard.email, isabelle.email, organiser.email, 'julie.guest@example.org'].sort(),
    );
    const bernardMail = to(bernard.email);
    expect(bernardMail?.subject).toMatch(/^Invitation : Séance de travail \(vendredi 10 décembre 2027/);
    expect(bernardMail?.textBody).toContain('14:00 – 15:30');
    expect(bernardMail?.textBody).toContain('« Équipe »');
    expect(bernardMail?.textBody).toContain(`/sessions/${session.id}`);
    expect(JSON.parse(bernardMail?.attachmentNames ?? '[]')).toEqual(['seance.ics']);
    expect(to(isabelle.email)?.subject).toContain('Invitation');
    const julie = to('julie.guest@example.org');
    expect(julie?.subject).toContain('Invitation');
    // A guest's own words never travel in a mail to the address they typed (decision 017).
    expect(julie?.textBody).toContain('Bonjour,');
    // The guest gets the poll's share link; admins reading the outbox do not (private circles).
    expect(t.lastMailTo('julie.guest@example.org').text).toContain(`/date-polls/link/${poll.shareToken}`);
    expect(julie?.textBody).toContain('/date-polls/link/[redacted]');
    expect(JSON.stringify(mails)).not.toContain(poll.shareToken);
    expect(julie?.textBody).not.toContain('/profile');
    expect(JSON.parse(julie?.attachmentNames ?? '[]')).toEqual(['seance.ics']);
    expect(JSON.parse(julie?.headers ?? '{}')['List-Unsubscribe']).toMatch(/\/unsubscribe\/\[redacted\]/);
    expect(t.lastMailTo('julie.guest@example.org').headers?.['List-Unsubscribe']).toMatch(
      /\/unsubscribe\/u1~/,
    );
    const result = to(organiser.email);
    expect(result?.subject).toBe('Date retenue : Séance de travail');
    expect(result?.textBody).toContain(
      'Le sondage « Séance de travail » du cercle « Équipe » est clos. Date retenue : le vendredi 10 décembre 2027, de 14:00 à 15:30 (Europe/Paris).',
    );
    expect(result?.attachmentNames).toBeNull();
    expect(JSON.parse(result?.headers ?? '{}')['List-Unsubscribe']).toMatch(/\/unsubscribe\/\[redacted\]/);
  });

  it('closes on two slots: two sessions, each inviting its slot’s yes and if-need-be people', async () => {
    const poll = (
      await createPoll({ title: 'Deux séances de travail', slots, timeZone: 'Europe/Paris' })
    ).json();
    const [a, b, c] = slotIds(poll);
    await answer(poll.id, bernard, {
      answers: [
        { slotId: a, value: 'yes' },
        { slotId: c, value: 'no' },
      ],
    });
    await answer(poll.id, isabelle, {
      answers: [
        { slotId: a, value: 'no' },
        { slotId: c, value: 'maybe' },
      ],
    });
    await answer(poll.id, organiser, {
      answers: [
        { slotId: a, value: 'yes' },
        { slotId: b, value: 'yes' },
        { slotId: c, value: 'yes' },
      ],
    });
    await answer(poll.id, facilitator, { answers: [{ slotId: b, value: 'yes' }] });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/date-polls/${poll.id}/guest-answers`,
      payload: {
        name: 'Julie',
        email: 'julie.two@example.org',
        answers: [
          { slotId: a, value: 'maybe' },
          { slotId: c, value: 'yes' },
        ],
        shareToken: poll.shareToken,
      },
    });
    const close = (payload: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/date-polls/${poll.id}/close`,
        headers: as(organiser),
        payload,
      });
    // Bad choices: unknown, twice, none, both forms at once.
    for (const payload of [
      { slotIds: [a, 'unknown'] },
      { slotIds: [a, a] },
      { slotIds: [] },
      { slotId: a, slotIds: [c] },
      {},
    ]) {
      const refused = await close(payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json().error.code).toBe('INVALID_INPUT');
    }
    const before = await mailsBefore();
    // Ticked in any order; the sessions come in time order.
    const closed = await close({ slotIds: [c, a] });
    expect(closed.statusCode).toBe(200);
    const { session, sessions } = closed.json();
    expect(sessions).toHaveLength(2);
    expect(session.id).toBe(sessions[0].id);
    const people = (s: { participants: { name: string; status: string }[] }) =>
      s.participants.map((p) => `${p.name}:${p.status}`).sort();
    expect(sessions[0]).toMatchObject({
      startsAt: '2027-12-08T10:00:00.000Z',
      title: 'Deux séances de travail',
    });
    expect(people(sessions[0])).toEqual(['Bernard:invited', 'Julie:invited', 'Philippe:invited']);
    expect(sessions[1]).toMatchObject({ startsAt: '2027-12-11T08:30:00.000Z' });
    expect(people(sessions[1])).toEqual(['Isabelle:invited', 'Julie:invited', 'Philippe:invited']);
    const read = (await getPoll(poll.id, bernard)).json();
    expect(read).toMatchObject({
      status: 'closed',
      chosenSlotId: a,
      sessionId: sessions[0].id,
      chosenSlotIds: [a, c],
    });
    expect(read.slots.map((slot: { sessionId: string | null }) => slot.sessionId)).toEqual([
      sessions[0].id,
      null,
      sessions[1].id,
    ]);
    expect((await close({ slotIds: [b] })).statusCode).toBe(409);

    // Each invited person gets each session's invitation (with its .ics); the others the result.
    await t.runJobs();
    await t.runJobs();
    const mails = await mailsSince(before);
    const subjects = (address: string) =>
      mails
        .filter((mail) => mail.toAddress === address)
        .map((mail) => mail.subject)
        .sort();
    expect(subjects(bernard.email)).toEqual([expect.stringMatching(/^Invitation : .*8 décembre 2027/)]);
    expect(subjects(isabelle.email)).toEqual([expect.stringMatching(/^Invitation : .*11 décembre 2027/)]);
    expect(subjects(organiser.email)).toHaveLength(2);
    expect(subjects('julie.two@example.org')).toEqual([
      expect.stringMatching(/^Invitation : .*mercredi 8 décembre 2027/),
      expect.stringMatching(/^Invitation : .*samedi 11 décembre 2027/),
    ]);
    for (const mail of mails.filter((mail) => mail.subject.startsWith('Invitation')))
      expect(JSON.parse(mail.attachmentNames ?? '[]')).toEqual(['seance.ics']);
    const result = mails.find((mail) => mail.toAddress === facilitator.email);
    expect(result?.subject).toBe('Date retenue : Deux séances de travail');
    expect(result?.textBody).toContain(
      'le mercredi 8 décembre 2027, de 11:00 à 12:30 (Europe/Paris) et le samedi 11 décembre 2027',
    );
  });

  it('lets the organiser and facilitators edit a poll, nobody else; closes once under concurrency', async () => {
    const poll = (await createPoll({ title: 'À renommer', slots })).json();
    const patch = (user: TestUser, payload: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/date-polls/${poll.id}`, headers: as(user), payload });
    expect((await patch(bernard, { title: 'Pris' })).statusCode).toBe(403);
    expect((await patch(outsider, { title: 'Pris' })).statusCode).toBe(404);
    expect((await patch(organiser, { deadline: '2020-01-01T00:00:00Z' })).statusCode).toBe(400);
    expect((await patch(organiser, {})).statusCode).toBe(400);
    const renamed = await patch(organiser, { title: 'Séance de rentrée', hideParticipants: true });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ title: 'Séance de rentrée', hideParticipants: true });
    expect((await patch(facilitator, { deadline: null })).json().deadline).toBeNull();

    const [a, b] = slotIds(poll);
    await answer(poll.id, bernard, { answers: [{ slotId: a, value: 'yes' }] });
    await answer(poll.id, isabelle, { answers: [{ slotId: b, value: 'no' }] });
    const results = await Promise.all(
      [organiser, facilitator, organiser, facilitator].map((user, index) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/date-polls/${poll.id}/close`,
          headers: as(user),
          payload: { slotId: index % 2 ? a : b },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409]);
    const sessions = await t.database.db
      .selectFrom('sessions')
      .select('id')
      .where('title', '=', 'Séance de rentrée')
      .execute();
    expect(sessions).toHaveLength(1);
    // Only the close that committed queued mail: one per person who answered.
    const queued = await t.database.db
      .selectFrom('jobs')
      .select('key')
      .where('key', 'like', `date-poll:${poll.id}:%`)
      .execute();
    expect(queued).toHaveLength(2);
    expect((await patch(organiser, { title: 'Trop tard' })).statusCode).toBe(409);
  });

  it('refuses answers after the deadline', async () => {
    const poll = (
      await createPoll({
        title: 'Bientôt fini',
        slots,
        deadline: new Date(Date.now() + 60_000).toISOString(),
      })
    ).json();
    await t.database.db
      .updateTable('datePolls')
      .set({ deadline: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', poll.id)
      .execute();
    const response = await answer(poll.id, bernard, {
      answers: [{ slotId: poll.slots[0].id, value: 'yes' }],
    });
    expect(response.statusCode).toBe(409);
    expect((await getPoll(poll.id, bernard)).json()).toMatchObject({ isAnswerable: false, canAnswer: false });
  });
  it('neither invites nor mails someone who left the private circle before the close', async () => {
    const circle = (
      await t.app.inject({ method: 'GET', url: `/api/v1/circles/${circleId}`, headers: as(facilitator) })
    ).json();
    const leaver = await registerUser(t.app, 'Gaston');
    await joinCommunity(t.app, leaver, circle.communitySlug);
    await addToCircle(t.app, facilitator, circleId, leaver);
    const poll = (await createPoll({ title: 'Après un départ', slots })).json();
    const [a] = slotIds(poll);
    for (const user of [bernard, leaver]) {
      expect((await answer(poll.id, user, { answers: [{ slotId: a, value: 'yes' }] })).statusCode).toBe(200);
    }
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/circles/${circleId}/members/${leaver.id}`,
      headers: as(facilitator),
    });
    expect(removed.statusCode).toBe(204);
    const before = await mailsBefore();
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/date-polls/${poll.id}/close`,
      headers: as(organiser),
      payload: { slotId: a },
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().session.participants.map((p: { name: string }) => p.name)).toEqual(['Bernard']);
    await t.runJobs();
    const mails = (await mailsSince(before)).map((mail) => mail.toAddress);
    expect(mails).toContain(bernard.email);
    expect(mails).not.toContain(leaver.email);
  });
  it('takes the organiser’s rights away once they leave the circle', async () => {
    const circle = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/circles/${publicCircleId}`,
        headers: as(facilitator),
      })
    ).json();
    const former = await registerUser(t.app, 'Ancienne');
    await joinCommunity(t.app, former, circle.communitySlug);
    await addToCircle(t.app, facilitator, publicCircleId, former);
    const poll = (await createPoll({ title: 'Avant le départ', slots }, former, publicCircleId)).json();
    const left = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/circles/${publicCircleId}/members/me`,
      headers: as(former),
    });
    expect(left.statusCode).toBe(204);
    expect((await getPoll(poll.id, former)).json().canClose).toBe(false);
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/date-polls/${poll.id}/close`,
      headers: as(former),
      payload: { slotId: poll.slots[0].id },
    });
    expect(closed.statusCode).toBe(403);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/date-polls/${poll.id}`,
      headers: as(former),
      payload: { title: 'Changé après le départ' },
    });
    expect(patched.statusCode).toBe(403);
  });
});

describe.each(testDialects())('date poll guest routes on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { AUTH_RATE_LIMIT: '1' });
  });
  afterAll(() => t.close());

  it('limits anonymous attempts at the share and edit secrets per address', async () => {
    // One after the other: @fastify/rate-limit's memory store reports the final count to every
    // request that was in flight together, so a burst would be refused as a whole.
    const tries = [];
    for (let i = 0; i < 12; i++) {
      tries.push(await t.app.inject({ method: 'GET', url: `/api/v1/date-polls/by-link/guess-${i}` }));
    }
    const codes = tries.map((response) => response.statusCode);
    expect(codes.filter((code) => code === 404)).toHaveLength(10);
    expect(codes.filter((code) => code === 429)).toHaveLength(2);
    expect(tries.find((response) => response.statusCode === 429)?.json().error.code).toBe('RATE_LIMITED');
  });
});
