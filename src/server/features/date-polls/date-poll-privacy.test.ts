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
import { GUEST_ANSWER_LIMITS } from './guest-answer-limits.ts';

const slots = [
  { startsAt: '2027-01-12T11:00:00+01:00', endsAt: '2027-01-12T12:30:00+01:00' },
  { startsAt: '2027-01-14T14:00:00+01:00', endsAt: '2027-01-14T15:30:00+01:00' },
];

describe.each(testDialects())('date poll privacy on %s', (dialect) => {
  let t: TestApp;
  let organiser: TestUser;
  let bernard: TestUser;
  let isabelle: TestUser;
  let circleId: string;

  const as = (user: TestUser) => ({ cookie: user.cookie });
  type Poll = { id: string; shareToken: string; slots: { id: string }[] };
  const createPoll = async (payload: object = {}): Promise<Poll> => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circleId}/date-polls`,
      headers: as(organiser),
      payload: { title: 'Séance de janvier', slots, ...payload },
    });
    expect(created.statusCode).toBe(201);
    return created.json();
  };
  const patch = (poll: Poll, payload: object) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/date-polls/${poll.id}`, headers: as(organiser), payload });
  const guestAnswer = (poll: Poll, payload: object, remoteAddress = '127.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/date-polls/${poll.id}/guest-answers`,
      remoteAddress,
      payload: {
        name: 'Invitée',
        answers: [{ slotId: poll.slots[0]?.id, value: 'yes' }],
        shareToken: poll.shareToken,
        ...payload,
      },
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    organiser = await registerUser(t.app, 'Philippe');
    bernard = await registerUser(t.app, 'Bernard');
    isabelle = await registerUser(t.app, 'Isabelle');
    const community = await buildCommunity(t.app, organiser);
    for (const user of [bernard, isabelle]) await joinCommunity(t.app, user, community.slug);
    circleId = (await buildCircle(t.app, organiser, community.slug, { visibility: 'private' })).id;
    for (const user of [bernard, isabelle]) await addToCircle(t.app, organiser, circleId, user);
  });
  afterAll(() => t.close());

  it('keeps hidden names hidden once people have answered (409); before any answer it may change', async () => {
    const unanswered = await createPoll({ hideParticipants: true });
    expect((await patch(unanswered, { hideParticipants: false })).statusCode).toBe(200);

    const poll = await createPoll({ hideParticipants: true });
    const answered = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/date-polls/${poll.id}/answers/me`,
      headers: as(bernard),
      payload: { answers: [{ slotId: poll.slots[0]?.id, value: 'yes' }], comment: 'seulement le matin' },
    });
    expect(answered.statusCode).toBe(200);
    const reveal = await patch(poll, { hideParticipants: false });
    expect(reveal.statusCode).toBe(409);
    expect(reveal.json()).toMatchObject({
      error: { code: 'CONFLICT', details: [{ path: ['body', 'hideParticipants'] }] },
    });
    const seen = (await t.app.inject({ url: `/api/v1/date-polls/${poll.id}`, headers: as(isabelle) })).json();
    expect(seen.hideParticipants).toBe(true);
    expect(seen.participants).toEqual([expect.objectContaining({ name: null, comment: '' })]);
    // A guest's answer is promised the same.
    const withGuest = await createPoll({ hideParticipants: true });
    expect((await guestAnswer(withGuest, {})).statusCode).toBe(201);
    expect((await patch(withGuest, { hideParticipants: false })).statusCode).toBe(409);
  });

  it('limits guest answers that name one e-mail address, whatever the poll (429)', async () => {
    const address = `cible.${dialect}@example.org`;
    const polls = [await createPoll(), await createPoll()];
    for (let index = 0; index < GUEST_ANSWER_LIMITS.perAddressPerDay; index++) {
      const answer = await guestAnswer(polls[index % 2] as Poll, { email: address }, `10.0.0.${index + 1}`);
      expect(answer.statusCode).toBe(201);
    }
    // From another network, with the case changed, on either poll: the address has had its share.
    const refused = await guestAnswer(polls[0] as Poll, { email: address.toUpperCase() }, '10.9.9.9');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({
      error: { code: 'RATE_LIMITED', details: [{ path: ['body', 'email'] }] },
    });
    // A refused answer stores nothing; answering without an address still works.
    const responses = await t.database.db
      .selectFrom('datePollResponses')
      .select('id')
      .where('guestEmail', 'in', [address, address.toUpperCase()])
      .execute();
    expect(responses).toHaveLength(GUEST_ANSWER_LIMITS.perAddressPerDay);
    expect((await guestAnswer(polls[1] as Poll, {}, '10.9.9.9')).statusCode).toBe(201);
  });

  it('limits guest answers leaving addresses from one network address (429)', async () => {
    const poll = await createPoll();
    const source = '192.0.2.77';
    for (let index = 0; index < GUEST_ANSWER_LIMITS.addressedPerSourcePerHour; index++) {
      const answer = await guestAnswer(poll, { email: `voisin${index}.${dialect}@example.org` }, source);
      expect(answer.statusCode).toBe(201);
    }
    expect((await guestAnswer(poll, { email: `encore.${dialect}@example.org` }, source)).statusCode).toBe(
      429,
    );
    expect(
      (await guestAnswer(poll, { email: `encore.${dialect}@example.org` }, '192.0.2.78')).statusCode,
    ).toBe(201);
  });

  it('mails a guest only the instance’s words and what members wrote, never what the guest typed', async () => {
    const poll = await createPoll({ title: 'Atelier de janvier' });
    const spam = 'Gagnez 1000 € sur http://arnaque.example';
    const invited = await guestAnswer(poll, {
      name: spam,
      email: `invitee.${dialect}@example.org`,
      comment: `Cliquez ici : http://arnaque.example/${dialect}`,
    });
    expect(invited.statusCode).toBe(201);
    const told = await guestAnswer(poll, {
      name: spam,
      email: `told.${dialect}@example.org`,
      answers: [{ slotId: poll.slots[0]?.id, value: 'no' }],
    });
    expect(told.statusCode).toBe(201);
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/date-polls/${poll.id}/close`,
      headers: as(organiser),
      payload: { slotId: poll.slots[0]?.id },
    });
    expect(closed.statusCode).toBe(200);
    await t.runJobs();
    const mails = await t.database.db
      .selectFrom('outboxMessages')
      .selectAll()
      .where('toAddress', 'in', [`invitee.${dialect}@example.org`, `told.${dialect}@example.org`])
      .execute();
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      const whole = `${mail.subject}\n${mail.textBody}\n${mail.htmlBody}`;
      expect(whole).toContain('Atelier de janvier');
      expect(whole).not.toContain('arnaque');
      expect(whole).not.toContain('Gagnez');
      expect(mail.textBody).toMatch(/^Bonjour,$/m);
    }
  });
});
