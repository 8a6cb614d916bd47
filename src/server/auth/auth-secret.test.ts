import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { parseEnv } from '../env.ts';
import { createMailer } from '../mail/mailer.ts';
import { cookieOf } from '../testing/test-app.ts';
import { createTestDatabase, testDialects } from '../testing/test-database.ts';
import { resolveAuthSecret } from './auth-secret.ts';

describe.each(testDialects())('auth secret on %s', (dialect) => {
  it('is generated once and shared by every instance on the database, unless AUTH_SECRET is set', async () => {
    const database = await createTestDatabase(dialect);
    try {
      const [first, second] = await Promise.all([
        resolveAuthSecret(database.db, undefined),
        resolveAuthSecret(database.db, undefined),
      ]);
      expect(first).toHaveLength(43);
      expect(second).toBe(first);
      expect(await resolveAuthSecret(database.db, 'x'.repeat(32))).toBe('x'.repeat(32));
    } finally {
      await database.dispose();
    }
  });

  it('lets a session opened on one instance be used on another', async () => {
    const database = await createTestDatabase(dialect);
    const env = parseEnv({ PUBLIC_URL: 'http://archipel.test' });
    const instance = () =>
      buildApp({
        database,
        env,
        mailer: createMailer({ from: env.MAIL_FROM, db: database.db, log: () => {} }),
        version: 'test',
        webRoot: '/nonexistent',
      });
    const [a, b] = await Promise.all([instance(), instance()]);
    try {
      const register = await a.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { email: 'shared@example.org', password: 'long enough', name: 'Shared' },
      });
      const me = await b.inject({ url: '/api/v1/me', headers: { cookie: cookieOf(register) } });
      expect(me.statusCode).toBe(200);
      expect(me.json().user.email).toBe('shared@example.org');
    } finally {
      await a.close();
      await b.close();
      await database.dispose();
    }
  });
});
