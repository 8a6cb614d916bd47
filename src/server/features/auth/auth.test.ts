import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, createTestApp, registerUser, type TestApp } from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';

const linkIn = (text: string) => {
  const match = /https?:\/\/\S+/.exec(text);
  if (!match) throw new Error('no link in mail');
  return new URL(match[0]);
};

describe.each(testDialects())('accounts on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('registers the first account as instance admin, later ones not, with an HttpOnly session cookie', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'Camille@Example.org', password: 'long enough', name: 'Camille' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().user).toMatchObject({
      email: 'camille@example.org',
      name: 'Camille',
      isAdmin: true,
    });
    expect(Object.keys(response.json().user).sort()).toEqual(
      ['bio', 'email', 'id', 'isAdmin', 'locale', 'name', 'organisation', 'territory'].sort(),
    );
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/archipel\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);

    const second = await registerUser(t.app);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: second.cookie } });
    expect(me.json().user.isAdmin).toBe(false);
  });

  it('writes to a new account in the language it registered in, until its owner picks one', async () => {
    const register = (email: string, language?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        ...(language && { headers: { 'accept-language': language } }),
        payload: { email, password: 'long enough', name: 'Sam' },
      });
    const english = await register('sam.en@example.org', 'en-GB,en;q=0.9');
    expect(english.json().user.locale).toBe('en');
    expect(t.lastMailTo('sam.en@example.org').subject).toMatch(/^Confirm/);
    const french = await register('sam.fr@example.org', 'fr-FR,fr;q=0.9,en;q=0.8');
    expect(french.json().user.locale).toBe('fr');
    expect(t.lastMailTo('sam.fr@example.org').subject).toMatch(/^Confirmez/);
    // Neither language asked for: French, as the interface.
    expect((await register('sam.de@example.org', 'de-DE')).json().user.locale).toBe('fr');
    expect((await register('sam.none@example.org')).json().user.locale).toBe('fr');
    // Only the profile changes it afterwards; the header of later requests does not.
    const me = await t.app.inject({
      url: '/api/v1/me',
      headers: { cookie: cookieOf(french), 'accept-language': 'en' },
    });
    expect(me.json().user.locale).toBe('fr');
  });

  it('refuses a taken address with 409 and weak or malformed input with 400', async () => {
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'camille@example.org', password: 'long enough', name: 'Other' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('CONFLICT');

    for (const payload of [
      { email: 'x@example.org', password: 'short', name: 'X' },
      { email: 'not-an-address', password: 'long enough', name: 'X' },
      { email: 'x@example.org', password: 'long enough', name: '' },
      { email: 'x@example.org', password: 'long enough' },
      { email: 'x@example.org', password: 'long enough', name: 'X', isAdmin: true },
    ]) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('INVALID_INPUT');
      expect(response.json().error.details.length).toBeGreaterThan(0);
    }
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('INVALID_INPUT');
  });

  it('logs in with the right password only, renews the session, and logs out', async () => {
    const user = await registerUser(t.app);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('UNAUTHENTICATED');

    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email.toUpperCase(), password: 'correct horse battery' },
    });
    expect(login.statusCode).toBe(200);
    const cookie = cookieOf(login);
    expect(cookie).not.toBe(user.cookie);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);

    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(logout.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
    // The other session (from registration) is untouched.
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: user.cookie } })).statusCode).toBe(
      200,
    );
  });

  it('signs a session out at once, whatever other cookies travel with it', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: (await registerUser(t.app)).email, password: 'correct horse battery' },
    });
    const cookie = cookieOf(login);
    // The same session from another tab, or a copy of the cookie, with another cookie beside it.
    const variant = `theme=dark; ${cookie}`;
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: variant } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(logout.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: variant } })).statusCode).toBe(401);
  });

  it('answers /me with 401 for visitors and forged cookies', async () => {
    expect((await t.app.inject({ url: '/api/v1/me' })).statusCode).toBe(401);
    const forged = await t.app.inject({
      url: '/api/v1/me',
      headers: { cookie: 'archipel.session_token=abc.def' },
    });
    expect(forged.statusCode).toBe(401);
  });

  const signInWithLink = (token: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/magic-link/verify', payload: { token } });
  const passwordWorks = async (email: string, password = 'correct horse battery') =>
    (await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } }))
      .statusCode === 200;
  const isSignedIn = async (cookie: string) =>
    (await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode === 200;
  const isVerified = async (id: string) =>
    Boolean(
      (
        await t.database.db
          .selectFrom('users')
          .select('emailVerified')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).emailVerified,
    );

  it('signs in through a one-time link that only a button uses, and reveals nothing for unknown addresses', async () => {
    const user = await registerUser(t.app);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/magic-link',
      payload: { email: 'nobody@example.org' },
    });
    expect(unknown.statusCode).toBe(202);
    const known = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/magic-link',
      payload: { email: user.email },
    });
    expect(known.statusCode).toBe(202);
    const mail = t.lastMailTo(user.email);
    expect(mail.subject).toMatch(/connexion/);
    const link = linkIn(mail.text);
    expect(link.origin).toBe('http://archipel.test');
    expect(link.pathname).toBe('/sign-in/link');
    const token = link.searchParams.get('token') ?? '';

    // A mail scanner opens the link, and the older API form of it: nothing happens.
    await t.app.inject({ url: link.pathname + link.search });
    const older = await t.app.inject({ url: `/api/v1/auth/magic-link/verify?token=${token}` });
    expect(older.statusCode).toBe(303);
    expect(older.headers.location).toBe(`/sign-in/link?token=${token}`);
    expect(older.headers['set-cookie']).toBeUndefined();
    expect(await passwordWorks(user.email)).toBe(true);
    expect(await isSignedIn(user.cookie)).toBe(true);

    // The page's button.
    const verify = await signInWithLink(token);
    expect(verify.statusCode).toBe(200);
    expect(verify.json().user.id).toBe(user.id);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: cookieOf(verify) } });
    expect(me.json().user.id).toBe(user.id);
    expect(await isVerified(user.id)).toBe(true);

    const reuse = await signInWithLink(token);
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().error.code).toBe('INVALID_INPUT');
    expect(reuse.json().error.details[0].path).toEqual(['body', 'token']);
    expect(() => t.lastMailTo('nobody@example.org')).toThrow();
  });

  it('proves the address with the mailed check link, after which a sign-in link keeps the password and the other sessions', async () => {
    const user = await registerUser(t.app);
    expect(await isVerified(user.id)).toBe(false);
    const check = t.lastMailTo(user.email);
    expect(check.subject).toBe('Confirmez votre adresse pour Archipel');
    const link = linkIn(check.text);
    expect(link.pathname).toBe('/verify-email');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      payload: { token: 'not.a.token' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('INVALID_INPUT');
    // A scanner's GET of the page proves nothing; the button does.
    await t.app.inject({ url: link.pathname + link.search });
    expect(await isVerified(user.id)).toBe(false);
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      payload: { token: link.searchParams.get('token') },
    });
    expect(confirm.statusCode).toBe(204);
    expect(await isVerified(user.id)).toBe(true);

    await t.app.inject({ method: 'POST', url: '/api/v1/auth/magic-link', payload: { email: user.email } });
    const token = linkIn(t.lastMailTo(user.email).text).searchParams.get('token') ?? '';
    expect((await signInWithLink(token)).statusCode).toBe(200);
    expect(await passwordWorks(user.email)).toBe(true);
    expect(await isSignedIn(user.cookie)).toBe(true);
  });

  it('on an address never proven, the first sign-in link removes the password and sessions set up before it', async () => {
    // Whoever registered the address first may not own it: its owner inherits nothing of theirs.
    const user = await registerUser(t.app);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/magic-link', payload: { email: user.email } });
    const token = linkIn(t.lastMailTo(user.email).text).searchParams.get('token') ?? '';
    const verify = await signInWithLink(token);
    expect(verify.statusCode).toBe(200);
    expect(await isSignedIn(cookieOf(verify))).toBe(true);
    expect(await isSignedIn(user.cookie)).toBe(false);
    expect(await passwordWorks(user.email)).toBe(false);
    expect(await isVerified(user.id)).toBe(true);
  });

  it('resets a password with the e-mailed token, once', async () => {
    const user = await registerUser(t.app);
    const request = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: user.email },
    });
    expect(request.statusCode).toBe(202);
    const link = linkIn(t.lastMailTo(user.email).text);
    expect(link.pathname).toBe('/reset-password');
    const token = link.searchParams.get('token') ?? '';

    const tooShort = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'short' },
    });
    expect(tooShort.statusCode).toBe(400);
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'a brand new password' },
    });
    expect(confirm.statusCode).toBe(204);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'yet another password' },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('INVALID_INPUT');
    // The reset link proved the address.
    expect(await isVerified(user.id)).toBe(true);

    const oldPassword = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'correct horse battery' },
    });
    expect(oldPassword.statusCode).toBe(401);
    const newPassword = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'a brand new password' },
    });
    expect(newPassword.statusCode).toBe(200);
  });

  it('keeps only a hash of a pending reset token, which still works', async () => {
    const user = await registerUser(t.app);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: user.email },
    });
    const token = linkIn(t.lastMailTo(user.email).text).searchParams.get('token') ?? '';
    expect(token.length).toBeGreaterThan(10);
    const rows = await t.database.db.selectFrom('authVerifications').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(JSON.stringify(row)).not.toContain(token);
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'a brand new password' },
    });
    expect(confirm.statusCode).toBe(204);
  });

  it('edits the profile, and only the documented fields', async () => {
    const user = await registerUser(t.app);
    const response = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: user.cookie },
      payload: { organisation: 'CNFPT', territory: 'Gironde', bio: 'Facilitatrice Codev', locale: 'en' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ organisation: 'CNFPT', territory: 'Gironde', locale: 'en' });
    const sneaky = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: user.cookie },
      payload: { isAdmin: true },
    });
    expect(sneaky.statusCode).toBe(400);
  });
});

describe('account rate limit', () => {
  it('answers 429 with Retry-After once AUTH_RATE_LIMIT attempts a minute are spent, per socket address', async () => {
    const t = await createTestApp('sqlite', { AUTH_RATE_LIMIT: '3' });
    try {
      const attempt = (remoteAddress: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress,
          headers: { 'x-forwarded-for': `10.0.0.${Math.floor(Math.random() * 200)}` },
          payload: { email: 'nobody@example.org', password: 'whatever it is' },
        });
      for (let i = 0; i < 3; i++) expect((await attempt('192.0.2.1')).statusCode).toBe(401);
      const limited = await attempt('192.0.2.1');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Another client is not affected; X-Forwarded-For was ignored without TRUST_PROXY.
      expect((await attempt('192.0.2.2')).statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });
});

describe('account rate limit behind a proxy', () => {
  it('keys on X-Forwarded-For only when TRUST_PROXY is set', async () => {
    const t = await createTestApp('sqlite', { AUTH_RATE_LIMIT: '2', TRUST_PROXY: '1' });
    try {
      const attempt = (forwardedFor: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/magic-link',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': forwardedFor },
          payload: { email: 'nobody@example.org' },
        });
      expect((await attempt('203.0.113.7')).statusCode).toBe(202);
      expect((await attempt('203.0.113.7')).statusCode).toBe(202);
      expect((await attempt('203.0.113.7')).statusCode).toBe(429);
      // Same proxy socket, another client behind it: its own budget.
      expect((await attempt('203.0.113.8')).statusCode).toBe(202);
      // A client cannot pick its own key by writing addresses to the left: the nearest proxy's
      // entry (the rightmost) is the one believed.
      for (let i = 0; i < 3; i++) {
        const spoofed = await attempt(`10.9.9.${i}, 203.0.113.9`);
        expect(spoofed.statusCode).toBe(i < 2 ? 202 : 429);
      }
    } finally {
      await t.close();
    }
  });
});

describe('mail links', () => {
  it('answer 202 even when the mail server is down, and send nothing to reserved .invalid addresses', async () => {
    const down = await createTestApp('sqlite', { SMTP_URL: 'smtp://127.0.0.1:1' });
    try {
      const user = await registerUser(down.app);
      for (const url of ['/api/v1/auth/magic-link', '/api/v1/auth/password-reset']) {
        const response = await down.app.inject({ method: 'POST', url, payload: { email: user.email } });
        expect(response.statusCode, url).toBe(202);
      }
    } finally {
      await down.close();
    }
    const t = await createTestApp('sqlite');
    try {
      await t.database.db
        .insertInto('users')
        .values({
          id: 'demo-person',
          name: 'Demo Person',
          email: 'demo.person@demo.archipel.invalid',
          emailVerified: false,
          image: null,
          organisation: null,
          territory: null,
          bio: null,
          createdAt: new Date().toISOString(),
          updatedAt: new Date().toISOString(),
        })
        .execute();
      for (const url of ['/api/v1/auth/magic-link', '/api/v1/auth/password-reset']) {
        const response = await t.app.inject({
          method: 'POST',
          url,
          payload: { email: 'demo.person@demo.archipel.invalid' },
        });
        expect(response.statusCode).toBe(202);
      }
      expect(await t.database.db.selectFrom('outboxMessages').selectAll().execute()).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
