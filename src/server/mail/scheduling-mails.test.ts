import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionUid } from '../calendar/ics-writer.ts';
import { type ReceivedMail, smtpTestServerFor } from '../testing/smtp-test-server.ts';
import {
  addToCircle,
  buildCircle,
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  TEST_ORIGIN,
  type TestApp,
  type TestUser,
} from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';
import { enqueueMail } from './mail-jobs.ts';

/** Parses with ical.js, registering the file's own VTIMEZONEs (the service knows only UTC). */
function parseCalendar(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
  return { calendar, events };
}

// The chosen slot is after the change to summer time: 9:30 in Paris is 7:30 UTC that day.
const slots = [
  { startsAt: '2027-03-25T09:30:00+01:00', endsAt: '2027-03-25T11:00:00+01:00' },
  { startsAt: '2027-03-30T09:30:00+02:00', endsAt: '2027-03-30T11:00:00+02:00' },
];

describe.each(testDialects())('poll and sign-up mails through SMTP on %s', (dialect) => {
  const smtp = smtpTestServerFor();
  let t: TestApp;
  let organiser: TestUser;
  let community: { slug: string };
  let circleId: string;

  const as = (user: TestUser) => ({ cookie: user.cookie });
  const mailsTo = (address: string) => smtp.server().received.filter((mail) => mail.to.includes(address));
  const onlyMailTo = (address: string): ReceivedMail => {
    const mails = mailsTo(address);
    expect(mails, address).toHaveLength(1);
    const [mail] = mails;
    if (!mail) throw new Error(`no mail to ${address}`);
    return mail;
  };
  const header = (mail: ReceivedMail, key: string) =>
    mail.parsed.headerLines
      .find((line) => line.key === key)
      ?.line.replace(/\r?\n\s+/g, ' ')
      .replace(/^[^:]+:\s*/, '');
  async function member(name: string, locale?: 'en') {
    const user = await registerUser(t.app, name);
    await joinCommunity(t.app, user, community.slug);
    await addToCircle(t.app, organiser, circleId, user);
    if (locale) {
      await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: as(user), payload: { locale } });
    }
    return user;
  }

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp(dialect, { SMTP_URL: smtp.server().url });
    organiser = await registerUser(t.app, 'Florent');
    community = await buildCommunity(t.app, organiser);
    circleId = (
      await buildCircle(t.app, organiser, community.slug, { name: 'Codev Gironde', visibility: 'private' })
    ).id;
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('closing a poll: invitations with a valid .ics to yes and if-need-be, the result to the others, each once', async () => {
    const [ana, ben, chloe, dan, eve] = [
      await member('Ana'),
      await member('Ben', 'en'),
      await member('Chloé'),
      await member('Dan'),
      await member('Ève'),
    ];
    if (!ana || !ben || !chloe || !dan || !eve) throw new Error('members');
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circleId}/date-polls`,
      headers: as(organiser),
      payload: { title: 'Séance de printemps', slots, timeZone: 'Europe/Paris' },
    });
    expect(created.statusCode).toBe(201);
    const poll = created.json();
    const [early, chosen] = poll.slots.map((slot: { id: string }) => slot.id) as [string, string];
    const answer = async (user: TestUser, answers: object[]) =>
      expect(
        (
          await t.app.inject({
            method: 'PUT',
            url: `/api/v1/date-polls/${poll.id}/answers/me`,
            headers: as(user),
            payload: { answers },
          })
        ).statusCode,
      ).toBe(200);
    await answer(ana, [{ slotId: chosen, value: 'yes' }]);
    await answer(ben, [{ slotId: chosen, value: 'maybe' }]);
    await answer(chloe, [{ slotId: chosen, value: 'no' }]);
    await answer(dan, [{ slotId: early, value: 'yes' }]);
    const guest = async (name: string, value: string, email?: string, language?: string) => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/date-polls/${poll.id}/guest-answers`,
        ...(language && { headers: { 'accept-language': language } }),
        payload: {
          name,
          answers: [{ slotId: chosen, value }],
          shareToken: poll.shareToken,
          ...(email && { email }),
        },
      });
      expect(response.statusCode).toBe(201);
    };
    await guest('Julie', 'yes', 'julie.invitee@example.org');
    // Marc answers from the English interface: his mail is in English, though he has no account.
    await guest('Marc', 'no', 'marc.invitee@example.org', 'en');
    await guest('Paul', 'yes'); // No address: nobody to write to.

    const before = smtp.server().received.length;
    const close = await t.app.inject({
      method: 'POST',
      url: `/api/v1/date-polls/${poll.id}/close`,
      headers: as(organiser),
      payload: { slotId: chosen },
    });
    expect(close.statusCode).toBe(200);
    const sessionId: string = close.json().session.id;
    // Queued in the close's transaction, with keys that name the poll and the person.
    const jobs = await t.database.db
      .selectFrom('jobs')
      .select(['kind', 'key'])
      .where('key', 'like', `date-poll:${poll.id}:%`)
      .orderBy('key')
      .execute();
    expect(jobs).toHaveLength(6);
    expect(smtp.server().received).toHaveLength(before);

    await t.runJobs();
    await t.runJobs();
    await smtp.server().waitFor(before + 6);
    expect(smtp.server().received).toHaveLength(before + 6);
    expect(mailsTo(eve.email)).toHaveLength(0);
    expect(mailsTo(organiser.email)).toHaveLength(0);

    const invitations = [
      {
        address: ana.email,
        file: 'seance.ics',
        subject: /^Invitation : Séance de printemps \(mardi 30 mars 2027 à 09:30/,
      },
      {
        address: ben.email,
        file: 'session.ics',
        subject: /^Invitation: Séance de printemps \(Tuesday, 30 March 2027 at 09:30/,
      },
      { address: 'julie.invitee@example.org', file: 'seance.ics', subject: /^Invitation : / },
    ];
    for (const expected of invitations) {
      const mail = onlyMailTo(expected.address);
      expect(mail.parsed.subject).toMatch(expected.subject);
      expect(mail.parsed.text).toMatch(/\.ics/);
      expect(header(mail, 'list-unsubscribe')).toMatch(
        /^<http:\/\/archipel\.test\/unsubscribe\/u1~[\w-]+~[\w-]+>/,
      );
      expect(mail.parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([
        [expected.file, 'text/calendar'],
      ]);
      const ics = mail.parsed.attachments[0]?.content.toString('utf8') ?? '';
      expect(ics).not.toMatch(/METHOD:REQUEST/);
      expect(ics).not.toMatch(/ATTENDEE/);
      const { events } = parseCalendar(ics);
      expect(events).toHaveLength(1);
      const event = events[0];
      if (!event) throw new Error('no event');
      expect(event.uid).toBe(sessionUid(sessionId, TEST_ORIGIN));
      expect(event.summary).toBe('Séance de printemps');
      expect(event.startDate.zone?.tzid).toBe('Europe/Paris');
      expect([event.startDate.hour, event.startDate.minute]).toEqual([9, 30]);
      expect(event.startDate.toJSDate().toISOString()).toBe('2027-03-30T07:30:00.000Z');
      expect(event.endDate.toJSDate().toISOString()).toBe('2027-03-30T09:00:00.000Z');
    }
    // The guest reads the poll through its link: no session page, no profile, but an unsubscribe link.
    const julie = onlyMailTo('julie.invitee@example.org');
    expect(julie.parsed.text).toContain('Bonjour,');
    expect(julie.parsed.text).not.toContain('Julie');
    expect(julie.parsed.text).toContain(`/date-polls/link/${poll.shareToken}`);
    expect(julie.parsed.text).not.toContain('/profile');

    for (const address of [chloe.email, dan.email, 'marc.invitee@example.org']) {
      const mail = onlyMailTo(address);
      expect(mail.parsed.attachments).toHaveLength(0);
      expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    }
    for (const address of [chloe.email, dan.email]) {
      const mail = onlyMailTo(address);
      expect(mail.parsed.subject).toBe('Date retenue : Séance de printemps');
      expect(mail.parsed.text).toContain(
        'Le sondage « Séance de printemps » du cercle « Codev Gironde » est clos. Date retenue : le mardi 30 mars 2027, de 09:30 à 11:00 (Europe/Paris).',
      );
    }
    const marcsResult = onlyMailTo('marc.invitee@example.org');
    expect(marcsResult.parsed.subject).toBe('Date chosen: Séance de printemps');
    expect(header(marcsResult, 'content-language')).toBe('en');

    // Marc's one-click unsubscribe forgets the address he left on his answer, without an account.
    const link = header(onlyMailTo('marc.invitee@example.org'), 'list-unsubscribe') ?? '';
    const path = new URL(link.slice(1, link.indexOf('>'))).pathname;
    const token = path.split('/').pop() ?? '';
    expect(token.length).toBeLessThanOrEqual(100); // Fastify's longest path parameter.
    const tampered = `${token.slice(0, -2)}${token.endsWith('A') ? 'B' : 'A'}x`;
    expect((await t.app.inject({ url: `/api/v1/unsubscribe/${tampered}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/unsubscribe/${token}` })).json()).toEqual({
      maskedEmail: expect.stringMatching(/^m•+@example\.org$/),
      preference: 'all',
      guest: true,
    });
    const oneClick = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.json()).toMatchObject({ preference: 'none' });
    const marc = await t.database.db
      .selectFrom('datePollResponses')
      .select('guestEmail')
      .where('pollId', '=', poll.id)
      .where('guestName', '=', 'Marc')
      .executeTakeFirstOrThrow();
    expect(marc.guestEmail).toBeNull();
    expect((await t.app.inject({ url: `/api/v1/unsubscribe/${token}` })).json()).toEqual({
      maskedEmail: '',
      preference: 'none',
      guest: true,
    });
    expect(
      await t.database.db.selectFrom('users').select('id').where('mailPreference', '=', 'none').execute(),
    ).toEqual([]);
  });

  it('a session moved, then cancelled, mails its participants each once, with an .ics that follows', async () => {
    const [ana, ben, cleo, dora] = [
      await member('Ana'),
      await member('Ben', 'en'),
      await member('Cléo'),
      await member('Dora'),
    ];
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circleId}/sessions`,
      headers: as(organiser),
      payload: {
        title: 'Séance déplacée',
        startsAt: '2027-04-06T12:00:00+02:00',
        endsAt: '2027-04-06T13:30:00+02:00',
        timeZone: 'Europe/Paris',
      },
    });
    expect(created.statusCode).toBe(201);
    const sessionId: string = created.json().id;
    const invite = (user: TestUser) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/sessions/${sessionId}/participants`,
        headers: as(organiser),
        payload: { userId: user.id },
      });
    for (const user of [ana, ben, cleo, dora]) expect((await invite(user)).statusCode).toBe(201);
    // Cléo sends her apologies: no more mail. Dora leaves the private circle before the mail goes.
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/sessions/${sessionId}/participants/me`,
      headers: as(cleo),
      payload: { status: 'excused' },
    });
    const patch = (payload: object) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/sessions/${sessionId}`,
        headers: as(organiser),
        payload,
      });
    // A change of description is no move: nobody is mailed.
    expect((await patch({ description: 'Ordre du jour à venir' })).statusCode).toBe(200);
    expect(
      await t.database.db
        .selectFrom('jobs')
        .select('key')
        .where('key', 'like', `session:${sessionId}:%`)
        .execute(),
    ).toHaveLength(0);
    expect(
      (await patch({ startsAt: '2027-04-13T12:00:00+02:00', endsAt: '2027-04-13T13:30:00+02:00' }))
        .statusCode,
    ).toBe(200);
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/circles/${circleId}/members/${dora.id}`,
      headers: as(organiser),
    });
    const before = smtp.server().received.length;
    await t.runJobs();
    await t.runJobs();
    await smtp.server().waitFor(before + 2);
    const moved = onlyMailTo(ana.email);
    expect(moved.parsed.subject).toMatch(/^Séance modifiée : Séance déplacée \(mardi 13 avril 2027 à 12:00/);
    expect(onlyMailTo(ben.email).parsed.subject).toMatch(
      /^Session changed: Séance déplacée \(Tuesday, 13 April 2027/,
    );
    expect(mailsTo(cleo.email)).toHaveLength(0);
    expect(mailsTo(dora.email)).toHaveLength(0);
    const movedIcs = moved.parsed.attachments[0]?.content.toString('utf8') ?? '';
    const [movedEvent] = parseCalendar(movedIcs).events;
    expect(movedEvent?.uid).toBe(sessionUid(sessionId, TEST_ORIGIN));
    expect(movedEvent?.startDate.toJSDate().toISOString()).toBe('2027-04-13T10:00:00.000Z');
    const movedSequence = Number(movedEvent?.sequence);
    expect(movedSequence).toBeGreaterThan(0);

    // Two quick moves: only the last one is mailed (the first job finds the session changed again).
    expect(
      (await patch({ startsAt: '2027-04-13T14:00:00+02:00', endsAt: '2027-04-13T15:30:00+02:00' }))
        .statusCode,
    ).toBe(200);
    expect((await patch({ place: 'Salle 2' })).statusCode).toBe(200);
    await t.runJobs();
    await smtp.server().waitFor(before + 4);
    const [, last] = mailsTo(ana.email);
    expect(last?.parsed.text).toContain('Salle 2');
    expect(last?.parsed.subject).toContain('14:00');

    // Cancelled: one mail each, the reason, and an .ics that says CANCELLED with a higher SEQUENCE.
    const cancel = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/sessions/${sessionId}/cancel`,
        headers: as(organiser),
        payload: { reason: 'Grève des transports' },
      });
    expect((await cancel()).statusCode).toBe(200);
    expect((await cancel()).statusCode).toBe(409);
    await t.runJobs();
    await t.runJobs();
    await smtp.server().waitFor(before + 6);
    expect(smtp.server().received).toHaveLength(before + 6);
    const cancelled = mailsTo(ana.email)[2];
    expect(cancelled?.parsed.subject).toMatch(/^Séance annulée : Séance déplacée/);
    expect(cancelled?.parsed.text).toContain('Motif : Grève des transports');
    const cancelledIcs = cancelled?.parsed.attachments[0]?.content.toString('utf8') ?? '';
    expect(cancelledIcs).toMatch(/STATUS:CANCELLED/);
    const [cancelledEvent] = parseCalendar(cancelledIcs).events;
    expect(Number(cancelledEvent?.sequence)).toBeGreaterThan(movedSequence);
    expect(mailsTo(ben.email)[2]?.parsed.subject).toMatch(/^Session cancelled: /);
    expect(mailsTo(cleo.email)).toHaveLength(0);
  });

  it('an invitation carries the .ics only to people who may see the session', async () => {
    const stranger = await registerUser(t.app, 'Sam');
    await joinCommunity(t.app, stranger, community.slug);
    const invite = async (circle: string, title: string) => {
      const session = await t.app.inject({
        method: 'POST',
        url: `/api/v1/circles/${circle}/sessions`,
        headers: as(organiser),
        payload: { title, startsAt: '2027-01-12T11:00:00Z', endsAt: '2027-01-12T12:00:00Z' },
      });
      const sessionId = session.json().id;
      await t.database.db
        .transaction()
        .execute((trx) =>
          enqueueMail(trx, 'invitation', { sessionId, userId: stranger.id }, { key: `x:${sessionId}` }),
        );
      await t.runJobs();
    };
    // A private circle's session is hidden from them: no mail may name it at all (decision 017).
    await invite(circleId, 'Séance privée');
    expect(mailsTo(stranger.email)).toEqual([]);
    // A public circle's session they may read, not hold in their calendar as a participant.
    const open = (await buildCircle(t.app, organiser, community.slug, { visibility: 'public' })).id;
    await invite(open, 'Séance ouverte');
    const mail = onlyMailTo(stranger.email);
    expect(mail.parsed.subject).toMatch(/^Invitation : Séance ouverte/);
    expect(mail.parsed.attachments).toHaveLength(0);
    expect(mail.parsed.text).not.toMatch(/\.ics/);
  });

  it('a withdrawal tells the first person waiting, once, through SMTP', async () => {
    const [first, second, third] = [await member('Inès'), await member('Jules'), await member('Karim')];
    if (!first || !second || !third) throw new Error('members');
    const sheet = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/circles/${circleId}/signup-sheets`,
        headers: as(organiser),
        payload: { title: 'Forum des pratiques', topics: [{ title: 'Atelier écoute', capacity: 1 }] },
      })
    ).json();
    const topicId = sheet.topics[0].id;
    for (const person of [first, second, third]) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/signup-topics/${topicId}/entries`,
        headers: as(person),
      });
      expect(response.statusCode).toBe(201);
    }
    const before = smtp.server().received.length;
    const withdrawn = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/signup-topics/${topicId}/entries/me`,
      headers: as(first),
    });
    expect(withdrawn.statusCode).toBe(204);
    const entry = await t.database.db
      .selectFrom('signupEntries')
      .select(['id', 'status'])
      .where('topicId', '=', topicId)
      .where('userId', '=', second.id)
      .executeTakeFirstOrThrow();
    expect(entry.status).toBe('confirmed');
    const job = await t.database.db
      .selectFrom('jobs')
      .select('kind')
      .where('key', '=', `signup-promotion:${entry.id}`)
      .execute();
    expect(job).toEqual([{ kind: 'mail.signup-promotion' }]);

    await t.runJobs();
    await t.runJobs();
    await smtp.server().waitFor(before + 1);
    expect(smtp.server().received).toHaveLength(before + 1);
    const mail = onlyMailTo(second.email);
    expect(mail.parsed.subject).toBe("Une place s'est libérée : « Atelier écoute »");
    expect(mail.parsed.text).toContain("(Forum des pratiques) : vous étiez en liste d'attente");
    expect(mail.parsed.text).toContain(`${TEST_ORIGIN}/signup-sheets/${sheet.id}`);
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mailsTo(third.email)).toHaveLength(0);
    expect(mailsTo(first.email)).toHaveLength(0);
  });
});
