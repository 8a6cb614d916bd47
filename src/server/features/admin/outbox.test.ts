import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, registerUser, type TestApp, type TestUser } from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

const linkIn = (text: string) => new URL(/https?:\/\/\S+/.exec(text)?.[0] ?? 'http://missing');

describe.each(testDialects())('the outbox without SMTP on %s', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  const logged: string[] = [];
  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { mailLog: (line) => logged.push(line) });
    admin = await registerUser(t.app, 'Admin');
  });
  afterAll(() => t.close());

  it('shows admins that account mails went out, never their links, and the log does not print them', async () => {
    const person = await registerUser(t.app, 'Camille');
    const check = t.lastMailTo(person.email).link ?? '';
    for (const url of ['/api/v1/auth/magic-link', '/api/v1/auth/password-reset']) {
      const asked = await t.app.inject({ method: 'POST', url, payload: { email: person.email } });
      expect(asked.statusCode).toBe(202);
    }
    const signIn = t.lastMailTo(person.email);
    expect(signIn.subject).toBe('Réinitialiser votre mot de passe Archipel');
    const secrets = [check, linkIn(signIn.text).searchParams.get('token') ?? ''];
    const magic = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/magic-link',
      payload: { email: person.email },
    });
    expect(magic.statusCode).toBe(202);
    secrets.push(linkIn(t.lastMailTo(person.email).text).searchParams.get('token') ?? '');
    for (const secret of secrets) expect(secret.length).toBeGreaterThan(10);

    const outbox = await t.app.inject({ url: '/api/v1/admin/outbox', headers: { cookie: admin.cookie } });
    expect(outbox.statusCode).toBe(200);
    const mine = outbox.json().items.filter((item: { to: string }) => item.to === person.email);
    expect(mine.map((item: { subject: string }) => item.subject).sort()).toEqual(
      [
        'Confirmez votre adresse pour Archipel',
        'Réinitialiser votre mot de passe Archipel',
        'Votre lien de connexion à Archipel',
        'Votre lien de connexion à Archipel',
      ].sort(),
    );
    for (const item of mine) expect(item).toMatchObject({ text: '', withheld: true });

    const stored = JSON.stringify(await t.database.db.selectFrom('outboxMessages').selectAll().execute());
    const log = logged.join('\n');
    expect(log).toContain(`account mail to ${person.email}: Votre lien de connexion à Archipel`);
    for (const secret of secrets) {
      expect(outbox.body).not.toContain(secret);
      expect(stored).not.toContain(secret);
      expect(log).not.toContain(secret);
    }
    // The mails themselves reached their recipient whole: the sign-in link still works.
    const used = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/magic-link/verify',
      payload: { token: secrets[2] },
    });
    expect(used.statusCode).toBe(200);
  });
});
