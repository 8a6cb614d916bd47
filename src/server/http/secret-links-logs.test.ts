import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { parseEnv } from '../env.ts';
import { createMailer } from '../mail/mailer.ts';
import { createUnsubscribeToken } from '../mail/unsubscribe-token.ts';
import { buildPlaceholder } from '../testing/placeholder-factory.ts';
import { buildCircle, buildCommunity, registerUser, TEST_ORIGIN } from '../testing/test-app.ts';
import { createTestDatabase, type TestDatabase, testDialects } from '../testing/test-database.ts';

const SECRET = 'test-secret-test-secret-test-secret-0123';

describe.each(testDialects())('secret links in the access logs on %s', (dialect) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const lines: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const env = parseEnv({ PUBLIC_URL: TEST_ORIGIN, AUTH_SECRET: SECRET, AUTH_RATE_LIMIT: '100000' });
    const mailer = createMailer({
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      db: database.db,
      log: () => {},
    });
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    app = await buildApp({
      database,
      env,
      mailer,
      version: 'test',
      webRoot: '/nonexistent',
      logger: { level: 'info', stream },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.dispose();
  });

  it('never writes a share link, a guest edit link, an unsubscribe link or a sign-in token', async () => {
    const organiser = await registerUser(app, 'Philippe');
    const community = await buildCommunity(app, organiser);
    const circle = await buildCircle(app, organiser, community.slug, { visibility: 'private' });
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circle.id}/date-polls`,
      headers: { cookie: organiser.cookie },
      payload: {
        title: 'Prochaine rencontre',
        timeZone: 'Europe/Paris',
        slots: [{ startsAt: '2027-01-12T10:00:00+01:00', endsAt: '2027-01-12T11:00:00+01:00' }],
      },
    });
    expect(created.statusCode).toBe(201);
    const poll = created.json() as { id: string; shareToken: string; slots: { id: string }[] };
    const shareToken = poll.shareToken;
    expect(shareToken.length).toBeGreaterThan(10);

    const byLink = await app.inject({ url: `/api/v1/date-polls/by-link/${shareToken}` });
    expect(byLink.statusCode).toBe(200);
    const guest = await app.inject({
      method: 'POST',
      url: `/api/v1/date-polls/${poll.id}/guest-answers`,
      payload: { name: 'Julie', shareToken, answers: [{ slotId: poll.slots[0]?.id, value: 'yes' }] },
    });
    expect(guest.statusCode).toBe(201);
    const editToken = guest.json().editToken as string;
    expect(
      (await app.inject({ url: `/api/v1/date-polls/${poll.id}/guest-answers/${editToken}` })).statusCode,
    ).toBe(200);
    const unsubscribe = createUnsubscribeToken(SECRET, organiser.id);
    expect((await app.inject({ url: `/api/v1/unsubscribe/${unsubscribe}` })).statusCode).toBe(200);
    await app.inject({ method: 'POST', url: `/unsubscribe/${unsubscribe}`, payload: {} });
    // The pages the links open (the single-page fallback logs them too) and the sign-in link.
    await app.inject({ url: `/date-polls/link/${shareToken}` });
    await app.inject({ url: `/date-polls/${poll.id}/guest/${editToken}` });
    await app.inject({ url: `/unsubscribe/${unsubscribe}` });
    await app.inject({ url: '/api/v1/auth/magic-link/verify?token=magic-secret-123' });
    await app.inject({ url: '/reset-password?token=reset-secret-456&lang=fr' });

    const logged = lines.join('');
    expect(logged).toContain('/api/v1/date-polls/by-link/');
    expect(logged).toContain('/api/v1/unsubscribe/');
    for (const secret of [shareToken, editToken, unsubscribe, 'magic-secret-123', 'reset-secret-456']) {
      expect(logged).not.toContain(secret);
    }
  });

  it('never writes a community invite code, in its own link or carried inside the sign-in page link', async () => {
    const animator = await registerUser(app, 'Agnès');
    const community = await buildCommunity(app, animator, { joinPolicy: 'invitation' });
    const invite = await app.inject({
      url: `/api/v1/communities/${community.slug}/invite`,
      headers: { cookie: animator.cookie },
    });
    expect(invite.statusCode).toBe(200);
    const { code, url } = invite.json() as { code: string; url: string };
    expect(code.length).toBeGreaterThan(10);
    const joinPath = url.slice(TEST_ORIGIN.length);
    await app.inject({ url: joinPath });
    // The join page sends visitors to sign in with the invite link as where to come back.
    await app.inject({ url: `/sign-in?next=${encodeURIComponent(joinPath)}&lang=fr` });
    await app.inject({ url: `/sign-up?next=${encodeURIComponent(`${joinPath}&x=1`)}` });
    const logged = lines.join('');
    expect(logged).toContain(`/join/${community.slug}?code=[redacted]`);
    expect(logged).toContain('/sign-in?next=');
    expect(logged).not.toContain(code);
    expect(logged).not.toContain(encodeURIComponent(code));
  });

  it('never writes a questionnaire’s share link or a guest’s private link to their answers', async () => {
    const organiser = await registerUser(app, 'Sandrine');
    const community = await buildCommunity(app, organiser);
    const circle = await buildCircle(app, organiser, community.slug, { visibility: 'private' });
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/circles/${circle.id}/surveys`,
      headers: { cookie: organiser.cookie },
      payload: { title: 'REX', audience: 'link', templateId: 'session-weather' },
    });
    expect(created.statusCode).toBe(201);
    const survey = created.json();
    const token = (survey.shareUrl as string).split('/q/')[1] ?? '';
    expect(token.length).toBeGreaterThan(20);
    expect((await app.inject({ url: `/api/v1/survey-links/${token}` })).statusCode).toBe(200);
    expect((await app.inject({ url: `/q/${token}` })).statusCode).toBeLessThan(500);
    const weather = survey.questions[0];
    const guest = await app.inject({
      method: 'POST',
      url: `/api/v1/surveys/${survey.id}/guest-responses`,
      payload: { token, answers: [{ questionId: weather.id, value: weather.options[0].id }] },
    });
    expect(guest.statusCode).toBe(201);
    const { editToken } = guest.json();
    expect(
      (await app.inject({ url: `/api/v1/surveys/${survey.id}/guest-responses/${editToken}` })).statusCode,
    ).toBe(200);
    expect((await app.inject({ url: `/surveys/${survey.id}/guest/${editToken}` })).statusCode).toBeLessThan(
      500,
    );
    const logged = lines.join('');
    expect(logged).toContain('/api/v1/survey-links/');
    expect(logged).toContain('/guest-responses/');
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(editToken);
  });

  it('never writes an event guest’s registration link', async () => {
    const token = 'Zm9vYmFyYmF6cXV4X2d1ZXN0X3JlZ2lzdHJhdGlvbl90b2tlbg';
    expect((await app.inject({ url: `/api/v1/registration-links/${token}` })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/registration-links/${token}/calendar.ics` })).statusCode).toBe(
      404,
    );
    expect((await app.inject({ url: `/registrations/link/${token}` })).statusCode).toBeLessThan(500);
    const logged = lines.join('');
    expect(logged).toContain('/api/v1/registration-links/');
    expect(logged).not.toContain(token);
  });

  it('never writes the secret feed token to the logs, on success or on a wrong token', async () => {
    const user = await registerUser(app, 'Louise');
    const feed = await app.inject({ url: '/api/v1/me/calendar-feed', headers: { cookie: user.cookie } });
    const url = feed.json().url as string;
    const token = url.match(/calendar-feeds\/([^.]+)\.ics$/)?.[1] ?? '';
    expect(token).toHaveLength(43);
    expect((await app.inject({ url: url.slice(TEST_ORIGIN.length) })).statusCode).toBe(200);
    const wrong = `${token.slice(0, 42)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await app.inject({ url: `/api/v1/calendar-feeds/${wrong}.ics?x=1` })).statusCode).toBe(404);
    const logged = lines.join('');
    expect(logged).toContain('/api/v1/calendar-feeds/');
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(wrong);
  });

  it('never writes an invitation to claim a placeholder, opened, accepted or refused', async () => {
    const animator = await registerUser(app, 'Sandrine');
    const community = await buildCommunity(app, animator);
    const placeholder = await buildPlaceholder(database.db, {
      name: 'Bernard Alix',
      communityId: community.id,
    });
    const invited = await app.inject({
      method: 'POST',
      url: `/api/v1/communities/${community.slug}/placeholders/${placeholder.id}/invitations`,
      headers: { cookie: animator.cookie },
      payload: { email: 'bernard@example.org' },
    });
    const token = (invited.json().url as string).split('/claim/')[1] ?? '';
    expect(token).toHaveLength(43);
    const bernard = await registerUser(app, 'Bernard');
    await app.inject({ url: `/claim/${token}` });
    expect((await app.inject({ url: `/api/v1/claims/${token}` })).statusCode).toBe(200);
    const accepted = await app.inject({
      method: 'POST',
      url: `/api/v1/claims/${token}/accept`,
      headers: { cookie: bernard.cookie },
    });
    expect(accepted.statusCode).toBe(200);
    await app.inject({
      method: 'POST',
      url: `/api/v1/claims/${token}/accept`,
      headers: { cookie: bernard.cookie },
    });
    const logged = lines.join('');
    expect(logged).toContain('/api/v1/claims/');
    expect(logged).not.toContain(token);
  });
});
