import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpTestServerFor } from '../../testing/smtp-test-server.ts';
import {
  buildCommunity,
  createTestApp,
  joinCommunity,
  registerUser,
  type TestApp,
  type TestUser,
} from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

/**
 * The acceptance test of issue 14, part 6: a newsletter reaches, at a real SMTP server, exactly the
 * members who accept mail, once each, with List-Unsubscribe.
 */
describe.each(testDialects())('newsletter mail on %s', (dialect) => {
  const smtp = smtpTestServerFor();
  let t: TestApp;
  let animator: TestUser;
  let ada: TestUser;
  let bob: TestUser;
  let refuser: TestUser;
  let silent: TestUser;
  let leaver: TestUser;
  let outsider: TestUser;
  let slug: string;
  const placeholderEmail = `placeholder.${randomUUID()}@example.org`;

  const as = (user: TestUser) => ({ cookie: user.cookie });
  const mailsTo = (email: string) => smtp.server().received.filter((mail) => mail.to.includes(email));
  const headerLine = (
    mail: { parsed: { headerLines: readonly { key: string; line: string }[] } },
    key: string,
  ) =>
    mail.parsed.headerLines
      .find((h) => h.key === key)
      ?.line.replace(/\r?\n\s+/g, ' ')
      .replace(/^[^:]+:\s*/, '');
  const send = (id: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/newsletters/${id}/send`, headers: as(animator) });
  const compose = async (subject: string) =>
    (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/communities/${slug}/newsletters`,
        headers: as(animator),
        payload: { subject, body: 'Des nouvelles du réseau.' },
      })
    ).json().id as string;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp(dialect, { SMTP_URL: smtp.server().url });
    await registerUser(t.app, 'Admin'); // The first account is the instance admin; not a member.
    animator = await registerUser(t.app, 'Sandrine');
    slug = (await buildCommunity(t.app, animator)).slug;
    ada = await registerUser(t.app, 'Ada');
    bob = await registerUser(t.app, 'Bob');
    refuser = await registerUser(t.app, 'Carole');
    silent = await registerUser(t.app, 'Denis');
    leaver = await registerUser(t.app, 'Eve');
    outsider = await registerUser(t.app, 'Awa');
    for (const user of [ada, bob, refuser, silent, leaver]) await joinCommunity(t.app, user, slug);
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/newsletters',
      headers: as(refuser),
      payload: { accepts: false },
    });
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/mail-preference',
      headers: as(silent),
      payload: { preference: 'none' },
    });
    // A placeholder of the community (the demo's meeting participants): no account of their own.
    const db = t.database.db;
    const community = await db
      .selectFrom('communities')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    const placeholderId = randomUUID();
    const now = new Date().toISOString();
    await db
      .insertInto('users')
      .values({
        id: placeholderId,
        name: 'Hélène',
        email: placeholderEmail,
        emailVerified: false,
        image: null,
        organisation: null,
        territory: null,
        bio: null,
        isPlaceholder: true,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await db
      .insertInto('communityMembers')
      .values({
        communityId: community.id,
        userId: placeholderId,
        role: 'member',
        status: 'active',
        createdAt: now,
      })
      .execute();
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('reaches exactly the members who accept it, once each, with List-Unsubscribe', async () => {
    const id = await compose('Lettre de décembre');
    expect((await send(id)).json()).toMatchObject({ status: 'sent', recipientCount: 4 });
    expect((await send(id)).statusCode).toBe(409);
    // Eve leaves after the letter was sent and before her mail goes: checked at send time, none.
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/communities/${slug}/members/me`,
      headers: as(leaver),
    });
    await t.runJobs();
    await t.runJobs();
    await smtp.server().waitFor(3);

    for (const user of [animator, ada, bob]) {
      const mails = mailsTo(user.email);
      expect(mails, user.name).toHaveLength(1);
      const [mail] = mails;
      if (!mail) throw new Error('no mail');
      expect(mail.parsed.subject).toBe('Lettre de décembre');
      expect(mail.parsed.text).toContain('Des nouvelles du réseau.');
      expect(mail.parsed.text).toContain(`http://archipel.test/newsletters/${id}`);
      const listUnsubscribe = headerLine(mail, 'list-unsubscribe') ?? '';
      expect(listUnsubscribe).toMatch(/^<http:\/\/archipel\.test\/unsubscribe\/u1~[\w-]+~[\w-]+>$/);
      expect(headerLine(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(mail.parsed.text).toContain(listUnsubscribe.slice(1, -1));
      // The footer says the link stops newsletters only.
      expect(mail.parsed.text).toContain('Ne plus recevoir les lettres des communautés');
    }
    for (const email of [refuser.email, silent.email, leaver.email, outsider.email, placeholderEmail]) {
      expect(mailsTo(email), email).toHaveLength(0);
    }
    expect(smtp.server().received).toHaveLength(3);
  });

  it('turns the newsletter preference off, and only it, through the mail’s one-click link', async () => {
    const [mail] = mailsTo(ada.email);
    if (!mail) throw new Error('no mail');
    const path = new URL((headerLine(mail, 'list-unsubscribe') ?? '').slice(1, -1)).pathname;
    const token = path.split('/').pop() ?? '';
    expect((await t.app.inject({ url: `/api/v1/unsubscribe/${token}` })).json()).toMatchObject({
      newsletter: true,
      newsletters: true,
      preference: 'all',
    });
    const oneClick = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.json()).toMatchObject({ newsletter: true, newsletters: false, preference: 'all' });
    expect((await t.app.inject({ url: '/api/v1/me/newsletters', headers: as(ada) })).json()).toEqual({
      accepts: false,
    });
    expect((await t.app.inject({ url: '/api/v1/me/mail-preference', headers: as(ada) })).json()).toEqual({
      preference: 'all',
    });

    // The next letter skips her; the others get it once.
    const id = await compose('Lettre de janvier');
    await send(id);
    await t.runJobs();
    await smtp.server().waitFor(5);
    expect(mailsTo(ada.email)).toHaveLength(1);
    expect(mailsTo(bob.email)).toHaveLength(2);
  });

  it('sends once when two requests race, and a queue run again sends nothing more', async () => {
    const before = smtp.server().received.length;
    const id = await compose('Lettre de février');
    const answers = await Promise.all([send(id), send(id)]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    const jobs = await t.database.db
      .selectFrom('jobs')
      .select('key')
      .where('key', 'like', `newsletter:${id}:%`)
      .execute();
    expect(jobs).toHaveLength(2);
    await t.runJobs();
    await t.runJobs();
    await smtp.server().waitFor(before + 2);
    expect(smtp.server().received.length).toBe(before + 2);
  });
});
