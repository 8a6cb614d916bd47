import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { parseEnv } from '../../env.ts';
import { createMailer } from '../../mail/mailer.ts';
import { registerUser, TEST_ORIGIN } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase, testDialects } from '../../testing/test-database.ts';

describe.each(testDialects())('calendar feed links in the logs on %s', (dialect) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const lines: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const env = parseEnv({
      PUBLIC_URL: TEST_ORIGIN,
      AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
      AUTH_RATE_LIMIT: '100000',
    });
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
    // As in production (main.ts): the level from LOG_LEVEL, 'info' by default.
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
});
