import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpTestServerFor } from '../testing/smtp-test-server.ts';
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
} from '../testing/test-app.ts';
import { testDialects } from '../testing/test-database.ts';
import { enqueueMail } from './mail-jobs.ts';
import { scheduleDueMail } from './mail-scheduler.ts';

const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();

/**
 * Every mail that names a circle, a session or an action is checked when it is SENT against what
 * its recipient may see at that moment (the HTTP routes' rule): queued while they belonged, sent
 * after they were removed from a private circle, it is dropped without a word. Each case keeps a
 * recipient who still belongs, so the mail itself is shown to go.
 */
describe.each(testDialects())('mail only to those who may still see what it names, on %s', (dialect) => {
  const smtp = smtpTestServerFor();
  let t: TestApp;
  let facilitator: TestUser;
  let community: { slug: string };
  let circleId: string;

  const as = (user: TestUser) => ({ cookie: user.cookie });
  const db = () => t.database.db;
  const mailsTo = (user: TestUser) => smtp.server().received.filter((mail) => mail.to.includes(user.email));
  const subjects = (user: TestUser) => mailsTo(user).map((mail) => mail.parsed.subject ?? '');
  async function member(name: string) {
    const user = await registerUser(t.app, name);
    await joinCommunity(t.app, user, community.slug);
    await addToCircle(t.app, facilitator, circleId, user);
    return user;
  }
  async function remove(user: TestUser, circle = circleId) {
    const response = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/circles/${circle}/members/${user.id}`,
      headers: as(facilitator),
    });
    expect(response.statusCode).toBe(204);
  }
  async function setReminders(reminderHours: number | null) {
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/circles/${circleId}/reminders`,
      headers: as(facilitator),
      payload: { reminderHours },
    });
    expect(response.statusCode).toBe(200);
  }
  async function ownedAction(title: string, owners: TestUser[], dueOn: string | null) {
    const id = randomUUID();
    const now = new Date().toISOString();
    await db()
      .insertInto('actions')
      .values({
        id,
        circleId,
        sessionId: null,
        title,
        dueOn,
        status: 'todo',
        createdBy: facilitator.id,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await db()
      .insertInto('actionOwners')
      .values(
        owners.map((owner, position) => ({ actionId: id, position, userId: owner.id, guestName: null })),
      )
      .execute();
    return id;
  }

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp(dialect, { SMTP_URL: smtp.server().url });
    facilitator = await registerUser(t.app, 'Florent');
    community = await buildCommunity(t.app, facilitator);
    circleId = (
      await buildCircle(t.app, facilitator, community.slug, {
        name: 'Cercle confidentiel',
        visibility: 'private',
      })
    ).id;
    // The fixed instants below (a due date's eve, a Monday morning) must not pick up reminders.
    await setReminders(null);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('drops an action reminder queued before its owner was removed from the private circle', async () => {
    const [lea, marc] = [await member('Léa'), await member('Marc')];
    await ownedAction('Relire le compte rendu confidentiel', [lea, marc], '2027-02-03');
    await scheduleDueMail(db(), new Date('2027-02-02T08:30:00Z')); // A Tuesday, 9:30 in Paris.
    await remove(lea);
    await t.runJobs();
    expect(subjects(marc)).toEqual(
      expect.arrayContaining([expect.stringContaining('Relire le compte rendu')]),
    );
    expect(mailsTo(lea)).toEqual([]);
  });

  it('leaves out of the digest the actions and sessions of a circle its reader was removed from', async () => {
    const [nina, olga] = [await member('Nina'), await member('Olga')];
    await ownedAction('Préparer le dossier confidentiel', [nina, olga], null);
    await buildSession(t.app, facilitator, circleId, {
      title: 'Séance confidentielle',
      startsAt: hours(48),
      endsAt: hours(49),
    });
    await remove(nina);
    // Monday 9:30 in Paris: the digests are queued, then sent.
    await scheduleDueMail(db(), new Date('2027-02-08T08:30:00Z'));
    await t.runJobs();
    const olgaDigest = mailsTo(olga).find((mail) => /semaine/.test(mail.parsed.subject ?? ''));
    expect(olgaDigest?.parsed.text).toContain('Préparer le dossier confidentiel');
    expect(olgaDigest?.parsed.text).toContain('Séance confidentielle');
    for (const mail of mailsTo(nina)) {
      expect(mail.parsed.text).not.toContain('confidenti');
      expect(mail.parsed.subject).not.toContain('confidenti');
    }
  });

  it('drops session reminders and invitations to someone removed since', async () => {
    const [paul, rose] = [await member('Paul'), await member('Rose')];
    const startsAt = hours(30);
    const session = await buildSession(t.app, facilitator, circleId, {
      title: 'Séance à huis clos',
      startsAt,
      endsAt: hours(31),
    });
    for (const user of [paul, rose]) {
      await enqueueMail(db(), 'invitation', { sessionId: session.id, userId: user.id });
      await enqueueMail(db(), 'sessionReminder', { sessionId: session.id, userId: user.id, startsAt });
    }
    await remove(paul);
    await setReminders(24);
    await t.runJobs();
    await setReminders(null);
    expect(subjects(rose)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Invitation : Séance à huis clos/),
        expect.stringMatching(/^Rappel : Séance à huis clos/),
      ]),
    );
    expect(mailsTo(paul)).toEqual([]);
  });

  it('drops a waitlist promotion, a sign-up promotion and a poll result once the person is out', async () => {
    const small = (
      await buildCircle(t.app, facilitator, community.slug, {
        name: 'Petit cercle',
        visibility: 'private',
        capacity: 1,
      })
    ).id;
    const [sam, tom] = [await registerUser(t.app, 'Sam'), await registerUser(t.app, 'Tom')];
    for (const user of [sam, tom]) await joinCommunity(t.app, user, community.slug);
    expect((await addToCircle(t.app, facilitator, small, sam)).status).toBe('member');
    expect((await addToCircle(t.app, facilitator, small, tom)).status).toBe('waitlisted');
    // Sam leaves: Tom is promoted and his mail queued; he withdraws before it goes.
    await remove(sam, small);
    await remove(tom, small);

    const [uma, vic] = [await member('Uma'), await member('Vic')];
    const sheet = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circleId}/signup-sheets`,
      headers: as(facilitator),
      payload: { title: 'Chantiers confidentiels', topics: [{ title: 'Budget', capacity: 1 }] },
    });
    expect(sheet.statusCode).toBe(201);
    const poll = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circleId}/date-polls`,
      headers: as(facilitator),
      payload: { title: 'Date confidentielle', slots: [{ startsAt: hours(200), endsAt: hours(201) }] },
    });
    expect(poll.statusCode).toBe(201);
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/date-polls/${poll.json().id}/close`,
      headers: as(facilitator),
      payload: { slotId: poll.json().slots[0].id },
    });
    expect(closed.statusCode).toBe(200);
    for (const user of [uma, vic]) {
      await enqueueMail(db(), 'signupPromotion', {
        userId: user.id,
        sheetTitle: 'Chantiers confidentiels',
        topicTitle: 'Budget',
        sheetId: sheet.json().id,
      });
      await enqueueMail(db(), 'datePollResult', { pollId: poll.json().id, userId: user.id });
    }
    await remove(uma);
    await t.runJobs();
    expect(subjects(vic)).toHaveLength(2);
    expect({ tom: subjects(tom), uma: subjects(uma) }).toEqual({ tom: [], uma: [] });
  });
});
