import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBool } from '../db/columns.ts';
import { enqueueJob } from '../jobs/jobs.ts';
import { smtpTestServerFor } from '../testing/smtp-test-server.ts';
import {
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
import { messageIdFor } from './mail-delivery.ts';
import { enqueueMail, mailJobKinds } from './mail-jobs.ts';
import { scheduleDueMail } from './mail-scheduler.ts';
import { createUnsubscribeToken } from './unsubscribe-token.ts';

const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n';
const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();

describe.each(testDialects())('mail on %s', (dialect) => {
  const smtp = smtpTestServerFor();
  let t: TestApp;
  let owner: TestUser;
  let community: { slug: string };
  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp(dialect, { SMTP_URL: smtp.server().url });
    owner = await registerUser(t.app, 'Florent');
    community = await buildCommunity(t.app, owner);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  const db = () => t.database.db;
  const mailsTo = (user: TestUser) => smtp.server().received.filter((mail) => mail.to.includes(user.email));

  async function member(name: string, settings: { locale?: 'fr' | 'en'; preference?: string } = {}) {
    const user = await registerUser(t.app, name);
    await joinCommunity(t.app, user, community.slug);
    if (settings.locale) {
      await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        headers: { cookie: user.cookie },
        payload: { locale: settings.locale },
      });
    }
    if (settings.preference) {
      const response = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/me/mail-preference',
        headers: { cookie: user.cookie },
        payload: { preference: settings.preference },
      });
      expect(response.statusCode).toBe(200);
    }
    return user;
  }
  async function joinCircle(circleId: string, user: TestUser) {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circleId}/members`,
      headers: { cookie: user.cookie },
    });
    expect(response.json().status).toBe('member');
  }
  const headerLine = (
    mail: { parsed: { headerLines: readonly { key: string; line: string }[] } },
    key: string,
  ) =>
    mail.parsed.headerLines
      .find((h) => h.key === key)
      ?.line.replace(/\r?\n\s+/g, ' ')
      .replace(/^[^:]+:\s*/, '');

  it('sends an invitation over SMTP: html and text, the .ics attached, one-click unsubscribe headers', async () => {
    const circle = await buildCircle(t.app, owner, community.slug, { name: 'Codev <Gironde>' });
    const ada = await member('Ada', { locale: 'en' });
    await joinCircle(circle.id, ada);
    const session = await buildSession(t.app, owner, circle.id, { title: 'Séance & co' });
    const key = `invitation:${session.id}:${ada.id}`;
    await enqueueJob(db(), {
      kind: mailJobKinds.invitation,
      payload: { sessionId: session.id, userId: ada.id },
      key,
    });
    await t.runJobs({
      invitationAttachments: async ({ sessionId }) => [
        { filename: `session-${sessionId}.ics`, content: ics, contentType: 'text/calendar; method=REQUEST' },
      ],
    });

    const [mail, ...others] = mailsTo(ada);
    expect(others).toHaveLength(0);
    if (!mail) throw new Error('no mail');
    expect(mail.parsed.subject).toMatch(/^Invitation: Séance & co \(/);
    expect(mail.parsed.messageId).toBe(messageIdFor(key, 'http://archipel.test'));
    expect(mail.parsed.text).toContain(
      'You are invited to the session "Séance & co" of the circle "Codev <Gironde>"',
    );
    expect(mail.parsed.text).toContain(`http://archipel.test/sessions/${session.id}`);
    expect(mail.parsed.text).toContain('The invitation for your calendar is attached (.ics file).');
    expect(mail.parsed.html).toContain('<html lang="en">');
    // User text is escaped in the HTML part.
    expect(mail.parsed.html).toContain('Codev &lt;Gironde&gt;');
    expect(mail.parsed.html).not.toContain('<Gironde>');
    expect(mail.parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [`session-${session.id}.ics`, 'text/calendar'],
    ]);
    expect(mail.parsed.attachments[0]?.content.toString('utf8')).toBe(ics);

    const listUnsubscribe = headerLine(mail, 'list-unsubscribe') ?? '';
    expect(listUnsubscribe).toMatch(/^<http:\/\/archipel\.test\/unsubscribe\/u1~[\w-]+~[\w-]+>$/);
    expect(headerLine(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.parsed.text).toContain(listUnsubscribe.slice(1, -1));

    // The link works without signing in; a tampered one is refused.
    const path = new URL(listUnsubscribe.slice(1, -1)).pathname;
    const token = path.split('/').pop() ?? '';
    // The web app serves the page: a path ending like a file name ('.abc') would get a 404 instead.
    expect(path).not.toMatch(/\.[a-z0-9]+$/i);
    const info = await t.app.inject({ url: `/api/v1/unsubscribe/${token}` });
    expect(info.json()).toEqual({
      maskedEmail: expect.stringMatching(/^u•+@example\.org$/),
      preference: 'all',
    });
    const tampered = `${token.slice(0, -2)}${token.endsWith('A') ? 'B' : 'A'}x`;
    expect((await t.app.inject({ url: `/api/v1/unsubscribe/${tampered}` })).statusCode).toBe(404);
    const forged = `u1~${Buffer.from(owner.id).toString('base64url')}~${token.split('~')[2]}`;
    expect((await t.app.inject({ method: 'POST', url: `/unsubscribe/${forged}` })).statusCode).toBe(404);
    // RFC 8058: the mail client POSTs the form body to the header's URL.
    const oneClick = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.json().preference).toBe('none');
    const multipart = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
    });
    expect(multipart.statusCode).toBe(200);

    // Unsubscribed: the next invitation is not sent; account mail still is, with no unsubscribe.
    await enqueueJob(db(), {
      kind: mailJobKinds.invitation,
      payload: { sessionId: session.id, userId: ada.id },
    });
    await t.runJobs();
    expect(mailsTo(ada)).toHaveLength(1);
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/magic-link',
      payload: { email: ada.email },
    });
    expect(reset.statusCode).toBe(202);
    const account = mailsTo(ada)[1];
    expect(account?.parsed.subject).toBe('Your Archipel sign-in link');
    expect(account && headerLine(account, 'list-unsubscribe')).toBeUndefined();
  });

  it('never sends a mail twice when its job runs again; a crash after acceptance resends the same Message-ID', async () => {
    const circle = await buildCircle(t.app, owner, community.slug);
    const bea = await member('Béa');
    await joinCircle(circle.id, bea);
    const session = await buildSession(t.app, owner, circle.id);
    const { id } = await enqueueJob(db(), {
      kind: mailJobKinds.invitation,
      payload: { sessionId: session.id, userId: bea.id },
      key: `invitation:${session.id}:${bea.id}`,
    });
    await t.runJobs();
    expect(mailsTo(bea)).toHaveLength(1);
    // The runner died after sending, before recording the job done: the job runs again.
    await db()
      .updateTable('jobs')
      .set({ status: 'pending', runAt: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    await t.runJobs();
    expect(mailsTo(bea)).toHaveLength(1);
    // The documented window: the SMTP server accepted, the process died before the row said so.
    await db()
      .updateTable('mailDeliveries')
      .set({ status: 'sending' })
      .where('idempotencyKey', '=', `invitation:${session.id}:${bea.id}`)
      .execute();
    await db()
      .updateTable('jobs')
      .set({ status: 'pending', runAt: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    await t.runJobs();
    const [first, second] = mailsTo(bea);
    expect(second?.parsed.messageId).toBe(first?.parsed.messageId);
  });

  it('keeps each person’s preference: all, digest only, none', async () => {
    const anonymous = await t.app.inject({ url: '/api/v1/me/mail-preference' });
    expect(anonymous.statusCode).toBe(401);
    const cyd = await member('Cyd');
    const get = () => t.app.inject({ url: '/api/v1/me/mail-preference', headers: { cookie: cyd.cookie } });
    expect((await get()).json()).toEqual({ preference: 'all' });
    const put = (payload: object) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/me/mail-preference',
        headers: { cookie: cyd.cookie },
        payload,
      });
    expect((await put({ preference: 'digest' })).statusCode).toBe(200);
    expect((await get()).json()).toEqual({ preference: 'digest' });
    const bad = await put({ preference: 'weekly' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_INPUT');
    expect((await get()).json()).toEqual({ preference: 'digest' });
  });

  it('lets facilitators set the circle’s reminder, and no one else', async () => {
    const circle = await buildCircle(t.app, owner, community.slug);
    const dan = await member('Dan');
    await joinCircle(circle.id, dan);
    const url = `/api/v1/circles/${circle.id}/reminders`;
    expect((await t.app.inject({ url })).json()).toEqual({ reminderHours: 24 });
    const put = (user: TestUser, payload: object) =>
      t.app.inject({ method: 'PUT', url, headers: { cookie: user.cookie }, payload });
    expect((await put(dan, { reminderHours: 2 })).statusCode).toBe(403);
    expect((await put(owner, { reminderHours: 0 })).statusCode).toBe(400);
    expect((await put(owner, { reminderHours: 'off' })).statusCode).toBe(400);
    expect((await put(owner, { reminderHours: null })).json()).toEqual({ reminderHours: null });
    expect((await put(owner, { reminderHours: 48 })).json()).toEqual({ reminderHours: 48 });
    expect((await t.app.inject({ url: `/api/v1/circles/${randomUUID()}/reminders` })).statusCode).toBe(404);
  });

  it('schedules reminders and digests once, whatever the number of instances, by preference', async () => {
    const circle = await buildCircle(t.app, owner, community.slug, { name: 'Arpentage' });
    const quiet = await buildCircle(t.app, owner, community.slug, { name: 'Silence' });
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/circles/${quiet.id}/reminders`,
      headers: { cookie: owner.cookie },
      payload: { reminderHours: null },
    });
    const all = await member('Eve', { locale: 'en' });
    const digest = await member('Fanny', { preference: 'digest' });
    const none = await member('Gus', { preference: 'none' });
    for (const user of [all, digest, none]) {
      await joinCircle(circle.id, user);
      await joinCircle(quiet.id, user);
    }
    const soon = await buildSession(t.app, owner, circle.id, { startsAt: hours(20), endsAt: hours(22) });
    await buildSession(t.app, owner, circle.id, { startsAt: hours(30), endsAt: hours(31) });
    await buildSession(t.app, owner, quiet.id, { startsAt: hours(5), endsAt: hours(6) });

    // Three instances ticking at once, then again later: one job per person and session.
    await Promise.all([scheduleDueMail(db()), scheduleDueMail(db()), scheduleDueMail(db())]);
    await scheduleDueMail(db());
    const reminders = await db()
      .selectFrom('jobs')
      .select(['key', 'payload'])
      .where('kind', '=', mailJobKinds.sessionReminder)
      .where('key', 'like', `reminder:session:${soon.id}:%`)
      .execute();
    expect(reminders.map((job) => JSON.parse(job.payload).userId).sort()).toEqual([owner.id, all.id].sort());
    const otherSessions = await db()
      .selectFrom('jobs')
      .select('key')
      .where('kind', '=', mailJobKinds.sessionReminder)
      .where('key', 'not like', `reminder:session:${soon.id}:%`)
      .execute();
    expect(otherSessions).toEqual([]);
    // The reminder goes now. Then the circle's reminders are switched off: the fixed instants below
    // (the day before a due date, a Monday morning) must not fall in the 24 hours before its
    // sessions, which are placed from today's clock.
    await t.runJobs();
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/circles/${circle.id}/reminders`,
      headers: { cookie: owner.cookie },
      payload: { reminderHours: null },
    });

    // An action due tomorrow (Paris) is recalled to its owners the day before, from 8 a.m.
    const actionId = randomUUID();
    const now = new Date();
    await db()
      .insertInto('actions')
      .values({
        id: actionId,
        circleId: circle.id,
        sessionId: null,
        title: 'Relire la synthèse',
        dueOn: '2026-12-02',
        status: 'todo',
        createdBy: owner.id,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      })
      .execute();
    await db()
      .insertInto('actionOwners')
      .values([all, none].map((user, position) => ({ actionId, position, userId: user.id, guestName: null })))
      .execute();
    await scheduleDueMail(db(), new Date('2026-12-01T06:30:00Z')); // 7:30 in Paris: too early.
    const actionJobs = () =>
      db().selectFrom('jobs').select('payload').where('kind', '=', mailJobKinds.actionDue).execute();
    expect(await actionJobs()).toEqual([]);
    await scheduleDueMail(db(), new Date('2026-12-01T07:30:00Z'));
    await scheduleDueMail(db(), new Date('2026-12-01T19:30:00Z'));
    expect((await actionJobs()).map((job) => JSON.parse(job.payload).userId)).toEqual([all.id]);

    // Monday 9:30 in Paris: one digest batch, then one digest per person who wants it.
    await scheduleDueMail(db(), new Date('2026-11-30T08:30:00Z'));
    await scheduleDueMail(db(), new Date('2026-11-30T10:30:00Z'));
    await t.runJobs();
    const subjects = (user: TestUser) => mailsTo(user).map((mail) => mail.parsed.subject);
    expect(subjects(all)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Reminder: /),
        'Due tomorrow: Relire la synthèse',
        'Your week on Archipel',
      ]),
    );
    expect(subjects(all)).toHaveLength(3);
    expect(subjects(digest)).toEqual(['Votre semaine sur Archipel']);
    expect(subjects(none)).toEqual([]);
    const digestMail = mailsTo(digest)[0];
    expect(digestMail?.parsed.text).toContain('Séances à venir');
    expect(digestMail?.parsed.text).toContain(`http://archipel.test/sessions/${soon.id}`);
    // Nothing new on the next tick.
    await scheduleDueMail(db(), new Date('2026-11-30T10:31:00Z'));
    await t.runJobs();
    expect(subjects(all)).toHaveLength(3);
  });
});

describe.each(testDialects())('mail to the outbox on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('keeps the html, the headers and the attachment names where admins read mail without SMTP', async () => {
    const owner = await registerUser(t.app, 'Florent');
    const community = await buildCommunity(t.app, owner);
    const circle = await buildCircle(t.app, owner, community.slug);
    const session = await buildSession(t.app, owner, circle.id);
    await t.database.db
      .transaction()
      .execute((trx) =>
        enqueueMail(
          trx,
          'invitation',
          { sessionId: session.id, userId: owner.id },
          { key: `inv:${session.id}` },
        ),
      );
    await t.runJobs({
      invitationAttachments: async () => [
        { filename: 'seance.ics', content: ics, contentType: 'text/calendar' },
      ],
    });
    const rows = await t.database.db.selectFrom('outboxMessages').selectAll().execute();
    // The owner's address check from registration keeps its envelope only.
    const [check, ...otherChecks] = rows.filter((r) => toBool(r.contentWithheld));
    expect(otherChecks).toHaveLength(0);
    expect(check).toMatchObject({
      subject: 'Confirmez votre adresse pour Archipel',
      textBody: '',
      htmlBody: null,
    });
    const [row, ...rest] = rows.filter((r) => !toBool(r.contentWithheld));
    expect(rest).toHaveLength(0);
    expect(row?.subject).toMatch(/^Invitation : /);
    expect(row?.textBody).toContain("L'invitation pour votre agenda est jointe (fichier .ics).");
    expect(row?.htmlBody).toContain('<html lang="fr">');
    expect(JSON.parse(row?.headers ?? '{}')).toMatchObject({
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Message-ID': messageIdFor(`inv:${session.id}`, 'http://archipel.test'),
    });
    expect(JSON.parse(row?.attachmentNames ?? '[]')).toEqual(['seance.ics']);
    // The recipient's unsubscribe link acts for them: admins see it redacted, in every part.
    const unsubscribe = createUnsubscribeToken('test-secret-test-secret-test-secret-0123', owner.id);
    expect(t.lastMailTo(owner.email).text).toContain(`/unsubscribe/${unsubscribe}`);
    expect(row?.textBody).toContain('/unsubscribe/[redacted]');
    expect(row?.htmlBody).toContain('/unsubscribe/[redacted]');
    expect(JSON.parse(row?.headers ?? '{}')['List-Unsubscribe']).toContain('/unsubscribe/[redacted]');
    expect(JSON.stringify(rows)).not.toContain(unsubscribe);
    const admin = await t.app.inject({ url: '/api/v1/admin/outbox', headers: { cookie: owner.cookie } });
    expect(admin.json().items).toEqual([
      expect.objectContaining({ to: owner.email, subject: row?.subject, withheld: false }),
      expect.objectContaining({ to: owner.email, subject: check?.subject, text: '', withheld: true }),
    ]);
    expect(admin.body).not.toContain(unsubscribe);
  });
});

describe.each(testDialects())('reminders that must not go on %s', (dialect) => {
  const smtp = smtpTestServerFor();
  let t: TestApp;
  let owner: TestUser;
  let community: { slug: string };
  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp(dialect, { SMTP_URL: smtp.server().url });
    owner = await registerUser(t.app, 'Florent');
    community = await buildCommunity(t.app, owner);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  const db = () => t.database.db;
  const cancel = async (sessionId: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/cancel`,
      headers: { cookie: owner.cookie },
      payload: { reason: 'Grève' },
    });
    expect(response.statusCode).toBe(200);
  };

  it('sends no reminder, invitation or digest line for a cancelled session', async () => {
    const circle = await buildCircle(t.app, owner, community.slug, { name: 'Annulations' });
    const queuedThenCancelled = await buildSession(t.app, owner, circle.id, {
      title: 'Séance queued',
      startsAt: hours(20),
      endsAt: hours(22),
    });
    await scheduleDueMail(db());
    await enqueueMail(db(), 'invitation', { sessionId: queuedThenCancelled.id, userId: owner.id });
    await cancel(queuedThenCancelled.id);
    const cancelledFirst = await buildSession(t.app, owner, circle.id, {
      title: 'Séance cancelled',
      startsAt: hours(10),
      endsAt: hours(11),
    });
    await cancel(cancelledFirst.id);
    await scheduleDueMail(db());
    const keys = (
      await db().selectFrom('jobs').select('key').where('kind', '=', mailJobKinds.sessionReminder).execute()
    ).map((job) => job.key ?? '');
    expect(keys.some((key) => key.includes(cancelledFirst.id))).toBe(false);
    await enqueueMail(db(), 'weeklyDigest', { userId: owner.id, week: '2026-11-30' });
    await t.runJobs();
    const received = smtp.server().received.filter((mail) => mail.to.includes(owner.email));
    // Nothing was left to tell: no reminder, no invitation, and a digest with nothing ahead is not sent.
    expect(received.map((mail) => mail.parsed.subject)).toEqual([]);
  });
  it('sends no reminder to a member who said they cannot come', async () => {
    const circle = await buildCircle(t.app, owner, community.slug, { name: 'Excusés' });
    const session = await buildSession(t.app, owner, circle.id, { startsAt: hours(20), endsAt: hours(21) });
    const excused = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/sessions/${session.id}/participants/me`,
      headers: { cookie: owner.cookie },
      payload: { status: 'excused' },
    });
    expect(excused.statusCode).toBe(200);
    await scheduleDueMail(db());
    const jobs = await db()
      .selectFrom('jobs')
      .select('key')
      .where('key', 'like', `reminder:session:${session.id}:%`)
      .execute();
    expect(jobs).toEqual([]);
  });

  it('reminds nobody of a private circle’s session once they have left the circle', async () => {
    const circle = await buildCircle(t.app, owner, community.slug, { name: 'Privé', visibility: 'private' });
    const leaver = await registerUser(t.app, 'Léa');
    await joinCommunity(t.app, leaver, community.slug);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circle.id}/members`,
      headers: { cookie: owner.cookie },
      payload: { userId: leaver.id },
    });
    const session = await buildSession(t.app, owner, circle.id, { startsAt: hours(20), endsAt: hours(21) });
    const coming = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/sessions/${session.id}/participants/me`,
      headers: { cookie: leaver.cookie },
      payload: { status: 'confirmed' },
    });
    expect(coming.statusCode).toBe(200);
    const left = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/circles/${circle.id}/members/${leaver.id}`,
      headers: { cookie: leaver.cookie },
    });
    expect(left.statusCode).toBe(204);
    // Still listed as coming, but the session is now hidden from them: no mail may name it.
    await scheduleDueMail(db());
    const reminded = await db()
      .selectFrom('jobs')
      .select('payload')
      .where('key', 'like', `reminder:session:${session.id}:%`)
      .execute();
    expect(reminded.map((job) => JSON.parse(job.payload).userId)).toEqual([owner.id]);
  });
});
