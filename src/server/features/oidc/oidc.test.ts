import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestOidcProvider, type TestOidcProvider } from '../../testing/oidc-test-provider.ts';
import { cookieOf, createTestApp, registerUser, TEST_ORIGIN, type TestApp } from '../../testing/test-app.ts';
import { testDialects } from '../../testing/test-database.ts';
import { deleteExpiredVerifications } from './oidc-flows.ts';

const CALLBACK = `${TEST_ORIGIN}/api/v1/auth/oidc/callback`;

describe.each(testDialects())('single sign-on through a real OpenID Connect provider on %s', (dialect) => {
  let provider: TestOidcProvider;
  let t: TestApp;

  beforeAll(async () => {
    provider = await startTestOidcProvider({
      redirectUris: [CALLBACK],
      postLogoutRedirectUris: [`${TEST_ORIGIN}/`],
    });
    t = await createTestApp(dialect, {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_LABEL: 'ProConnect',
    });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });
  beforeEach(() => {
    provider.tamper = undefined;
  });

  /** A person at the provider, with a fresh login and address. */
  function personAtProvider(claims: Partial<Parameters<typeof provider.accounts.set>[1]> = {}) {
    const login = `agent-${randomUUID()}`;
    const email = `${login}@collectivite.example`;
    provider.accounts.set(login, {
      email,
      email_verified: true,
      given_name: 'Camille',
      usual_name: 'Durand',
      family_name: 'Martin',
      ...claims,
    });
    return { login, email };
  }

  /** Clicks the button: the app's redirect to the provider and the state cookie it set. */
  async function start(returnTo?: string) {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/oidc/start',
      ...(returnTo && { query: { returnTo } }),
    });
    expect(response.statusCode).toBe(302);
    return { authorizationUrl: String(response.headers.location), cookie: cookieOf(response) };
  }

  async function callback(url: URL, cookie: string) {
    return t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: { cookie } });
  }

  async function signIn(login: string, returnTo?: string) {
    const flow = await start(returnTo);
    const back = await provider.signIn(flow.authorizationUrl, login);
    return { flow, back, response: await callback(back, flow.cookie) };
  }

  async function counts() {
    const db = t.database.db;
    const count = async (table: 'users' | 'authAccounts' | 'authSessions' | 'oidcSessions') =>
      Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return {
      users: await count('users'),
      accounts: await count('authAccounts'),
      sessions: await count('authSessions'),
      oidcSessions: await count('oidcSessions'),
    };
  }

  async function lastAudit(kind: string) {
    return t.database.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('kind', '=', kind as never)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }

  async function expectRefused(
    response: Awaited<ReturnType<typeof callback>>,
    before: Awaited<ReturnType<typeof counts>>,
    reason: RegExp,
  ) {
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/^\/sign-in\?sso=/);
    expect(String(response.headers['set-cookie'] ?? '')).not.toMatch(/session_token=[^;]/);
    expect(await counts()).toEqual(before);
    expect((await lastAudit('auth.oidc-refused'))?.detail).toMatch(reason);
  }

  it('tells the sign-in page about the provider', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/auth/providers' });
    expect(response.json()).toEqual({
      oidc: { label: 'ProConnect', startUrl: '/api/v1/auth/oidc/start' },
      passwordSignIn: true,
    });
  });

  it('redirects to the provider with PKCE S256, state and nonce, and binds the state to the browser', async () => {
    const { authorizationUrl, cookie } = await start('/communities');
    const url = new URL(authorizationUrl);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(cookie).toBe(`archipel.oidc_state=${url.searchParams.get('state')}`);
  });

  it('refuses a returnTo that leaves the site', async () => {
    for (const returnTo of ['//evil.example', 'https://evil.example/', '/\\evil.example']) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/oidc/start',
        query: { returnTo },
      });
      expect(response.statusCode).toBe(400);
    }
  });

  it('signs a new person in: an account named from the provider, a session, an audit entry', async () => {
    const { login, email } = personAtProvider();
    const before = await counts();
    const { response } = await signIn(login, '/communities');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/communities');
    const cookie = cookieOf(response);
    expect(cookie).toMatch(/archipel\.session_token=/);

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ email, name: 'Camille Durand' });
    const userId = me.json().user.id;
    expect(await counts()).toEqual({
      users: before.users + 1,
      accounts: before.accounts + 1,
      sessions: before.sessions + 1,
      oidcSessions: before.oidcSessions + 1,
    });
    const signIn1 = await lastAudit('auth.oidc-sign-in');
    expect(signIn1).toMatchObject({ actorId: userId, detail: 'created' });
    expect(JSON.stringify(signIn1)).not.toContain(email);

    // Signing in again finds the same account by its subject and opens a fresh session row.
    const again = await signIn(login);
    expect(again.response.headers.location).toBe('/');
    const second = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: cookieOf(again.response) },
    });
    expect(second.json().user.id).toBe(userId);
    expect((await counts()).sessions).toBe(before.sessions + 2);
  });

  it('opens no session for an account an instance admin disabled', async () => {
    const { login } = personAtProvider();
    const first = await signIn(login);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: cookieOf(first.response) },
    });
    await t.database.db
      .updateTable('users')
      .set({ disabledAt: new Date().toISOString() })
      .where('id', '=', me.json().user.id)
      .execute();
    const before = await counts();
    const { response } = await signIn(login);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/^\/sign-in\?sso=/);
    expect(String(response.headers['set-cookie'] ?? '')).not.toMatch(/session_token=[^;]/);
    expect((await counts()).sessions).toBe(before.sessions);
  });

  it('links an existing account by a verified address, and removes what an unproven registration set up', async () => {
    const squatter = await registerUser(t.app);
    const { login } = personAtProvider({ email: squatter.email });
    const { response } = await signIn(login);
    expect(response.statusCode).toBe(303);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: cookieOf(response) },
    });
    expect(me.json().user.id).toBe(squatter.id);
    expect(await lastAudit('auth.oidc-linked')).toMatchObject({ actorId: squatter.id });

    // The address had never been proven: the password and sessions set up before are gone.
    const old = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: squatter.cookie },
    });
    expect(old.statusCode).toBe(401);
    const password = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: squatter.email, password: 'correct horse battery' },
    });
    expect(password.statusCode).toBe(401);
  });

  it('keeps the password of an account whose address was already proven', async () => {
    const person = await registerUser(t.app);
    await t.database.db
      .updateTable('users')
      .set({ emailVerified: true })
      .where('id', '=', person.id)
      .execute();
    const { login } = personAtProvider({ email: person.email });
    const { response } = await signIn(login);
    expect(response.statusCode).toBe(303);
    const password = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: person.email, password: 'correct horse battery' },
    });
    expect(password.statusCode).toBe(200);
  });

  it('refuses an unverified address: nothing created', async () => {
    const { login } = personAtProvider({ email_verified: false });
    const before = await counts();
    const { response } = await signIn(login);
    await expectRefused(response, before, /^email not verified$/);
    expect(response.headers.location).toBe('/sign-in?sso=unverified');
  });

  it('refuses a provider that does not say the address is verified (unless told to trust it)', async () => {
    const { login } = personAtProvider({ email_verified: undefined });
    const before = await counts();
    const { response } = await signIn(login);
    await expectRefused(response, before, /^email_verified absent$/);
  });

  it('refuses a forged state: nothing created', async () => {
    const { login } = personAtProvider();
    const flow = await start();
    const back = await provider.signIn(flow.authorizationUrl, login);
    back.searchParams.set('state', 'forged-state-value');
    const before = await counts();
    await expectRefused(
      await callback(back, 'archipel.oidc_state=forged-state-value'),
      before,
      /^state unknown/,
    );
  });

  it('refuses a state begun in another browser (login CSRF)', async () => {
    const { login } = personAtProvider();
    const attacker = await start();
    const victim = await start();
    const back = await provider.signIn(attacker.authorizationUrl, login);
    const before = await counts();
    await expectRefused(await callback(back, victim.cookie), before, /^state mismatch$/);
  });

  it('refuses a replayed callback, and a used code under a new state', async () => {
    const { login } = personAtProvider();
    const { flow, back, response } = await signIn(login);
    expect(response.statusCode).toBe(303);
    const before = await counts();
    await expectRefused(await callback(back, flow.cookie), before, /^state unknown, expired or used$/);

    const fresh = await start();
    const replay = new URL(back);
    replay.searchParams.set('state', new URL(fresh.authorizationUrl).searchParams.get('state') ?? '');
    await expectRefused(await callback(replay, fresh.cookie), before, /^token endpoint: invalid_grant$/);
  });

  it('forgets flows abandoned at the provider once expired', async () => {
    await start();
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('authVerifications')
            .select(t.database.db.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await deleteExpiredVerifications(t.database.db, new Date());
    expect(await count()).toBe(before);
    await deleteExpiredVerifications(t.database.db, new Date(Date.now() + 2 * 60 * 60 * 1000));
    expect(await count()).toBe(0);
  });

  it('comes back readable when the person cancels at the provider', async () => {
    const { login } = personAtProvider();
    const flow = await start();
    const back = await provider.signIn(flow.authorizationUrl, login, { cancel: true });
    expect(back.searchParams.get('error')).toBe('access_denied');
    const before = await counts();
    const response = await callback(back, flow.cookie);
    await expectRefused(response, before, /^provider error: access_denied$/);
    expect(response.headers.location).toBe('/sign-in?sso=cancelled');
  });

  it('refuses an ID token issued for another client: nothing created', async () => {
    const { login } = personAtProvider();
    provider.tamper = (claims) => ({ ...claims, aud: 'another-client' });
    const before = await counts();
    const { response } = await signIn(login);
    await expectRefused(response, before, /^id token aud mismatch$/);
  });

  it('refuses an expired ID token: nothing created', async () => {
    const { login } = personAtProvider();
    const now = Math.floor(Date.now() / 1000);
    provider.tamper = (claims) => ({ ...claims, iat: now - 3600, exp: now - 600 });
    const before = await counts();
    const { response } = await signIn(login);
    await expectRefused(response, before, /^id token expired$/);
  });

  it('refuses an ID token whose nonce is not this sign-in’s', async () => {
    const { login } = personAtProvider();
    provider.tamper = (claims) => ({ ...claims, nonce: 'another-nonce' });
    const before = await counts();
    await expectRefused((await signIn(login)).response, before, /^id token nonce mismatch$/);
  });

  it('logs out at the provider when the session was opened through it', async () => {
    const { login } = personAtProvider();
    const { response } = await signIn(login);
    const cookie = cookieOf(response);
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, origin: TEST_ORIGIN },
    });
    expect(logout.statusCode).toBe(200);
    const url = new URL(logout.json().redirectTo);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('id_token_hint')).toBeTruthy();
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${TEST_ORIGIN}/`);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);

    // A password session signs out as before.
    const person = await registerUser(t.app);
    const plain = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: person.cookie, origin: TEST_ORIGIN },
    });
    expect(plain.statusCode).toBe(204);
  });
});

describe.each(testDialects())('OIDC_ONLY on %s', (dialect) => {
  let provider: TestOidcProvider;
  let t: TestApp;
  beforeAll(async () => {
    provider = await startTestOidcProvider({
      redirectUris: [CALLBACK],
      postLogoutRedirectUris: [`${TEST_ORIGIN}/`],
    });
    t = await createTestApp(dialect, {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_ONLY: '1',
      OIDC_ACR_VALUES: 'eidas1',
      OIDC_ASSUME_EMAIL_VERIFIED: '1',
    });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  it('refuses password sign-up and reset, and says so to the sign-in page', async () => {
    const providers = await t.app.inject({ method: 'GET', url: '/api/v1/auth/providers' });
    expect(providers.json()).toMatchObject({ passwordSignIn: false });
    const register = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'someone@example.org', password: 'correct horse battery', name: 'Someone' },
    });
    expect(register.statusCode).toBe(403);
    expect(register.json().error.code).toBe('FORBIDDEN');
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: 'someone@example.org' },
    });
    expect(reset.statusCode).toBe(403);
    const link = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/magic-link',
      payload: { email: 'someone@example.org' },
    });
    expect(link.statusCode).toBe(403);
  });

  /** A whole sign-in at eidas1; returns where the callback sent the browser. */
  async function signInAtEidas1(login: string) {
    provider.tamper = (claims) => ({ ...claims, acr: 'eidas1' });
    const start = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' });
    const back = await provider.signIn(String(start.headers.location), login);
    const response = await t.app.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      headers: { cookie: cookieOf(start) },
    });
    return response.headers.location;
  }

  it('trusts a provider that sends no email_verified when told to, never an explicit false', async () => {
    const silent = `agent-${randomUUID()}`;
    provider.accounts.set(silent, {
      email: `${silent}@example.org`,
      given_name: 'Sans',
      usual_name: 'Claim',
    });
    expect(await signInAtEidas1(silent)).toBe('/');
    const user = await t.database.db
      .selectFrom('users')
      .select(['name', 'emailVerified'])
      .where('email', '=', `${silent}@example.org`)
      .executeTakeFirstOrThrow();
    expect(user.name).toBe('Sans Claim');

    const unverified = `agent-${randomUUID()}`;
    provider.accounts.set(unverified, { email: `${unverified}@example.org`, email_verified: false });
    expect(await signInAtEidas1(unverified)).toBe('/sign-in?sso=unverified');
  });

  it('asks for the acr and refuses an ID token without it', async () => {
    const login = `agent-${randomUUID()}`;
    provider.accounts.set(login, { email: `${login}@example.org`, email_verified: true, given_name: 'A' });
    const start = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' });
    const authorizationUrl = String(start.headers.location);
    expect(new URL(authorizationUrl).searchParams.get('acr_values')).toBe('eidas1');

    provider.tamper = (claims) => ({ ...claims, acr: 'eidas1' });
    const accepted = await provider.signIn(authorizationUrl, login);
    const ok = await t.app.inject({
      method: 'GET',
      url: `${accepted.pathname}${accepted.search}`,
      headers: { cookie: cookieOf(start) },
    });
    expect(ok.headers.location).toBe('/');

    provider.tamper = (claims) => ({ ...claims, acr: 'eidas0' });
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' });
    const refused = await provider.signIn(String(again.headers.location), login);
    const no = await t.app.inject({
      method: 'GET',
      url: `${refused.pathname}${refused.search}`,
      headers: { cookie: cookieOf(again) },
    });
    expect(no.headers.location).toBe('/sign-in?sso=refused');
  });
});

describe.each(testDialects())('without single sign-on on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t?.close());

  it('offers passwords only and answers 404 on the provider routes', async () => {
    const providers = await t.app.inject({ method: 'GET', url: '/api/v1/auth/providers' });
    expect(providers.json()).toEqual({ oidc: null, passwordSignIn: true });
    for (const url of ['/api/v1/auth/oidc/start', '/api/v1/auth/oidc/callback?state=x&code=y']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
  });
});

describe.each(testDialects())('a provider that does not answer on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    // A port nobody listens on: the provider is down.
    const provider = await startTestOidcProvider({ redirectUris: [CALLBACK], postLogoutRedirectUris: [] });
    const { issuer } = provider;
    await provider.close();
    t = await createTestApp(dialect, { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' });
  });
  afterAll(() => t?.close());

  it('sends the browser back to the sign-in page with a message, not a 500', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/sign-in?sso=unavailable');
  });
});
