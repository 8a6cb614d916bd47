import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import Provider from 'oidc-provider';

/** A person known to the test provider, by login: the claims it gives Archipel. */
export interface TestOidcAccount {
  email?: string;
  email_verified?: boolean;
  given_name?: string;
  family_name?: string;
  usual_name?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** People who can sign in, by login (the devInteractions form takes any password). */
  accounts: Map<string, TestOidcAccount>;
  /**
   * Rewrites the ID token of the next token responses (claims in, claims out), signed again with
   * the provider's own key: how a test gets a validly signed token for another audience, or one
   * already expired. Undefined: tokens as the provider issued them.
   */
  tamper: ((claims: JWTPayload) => JWTPayload) | undefined;
  /**
   * Plays the browser at the provider: follows the authorisation URL, signs in as `login` on
   * the devInteractions form, and returns the URL the provider sends back to the app's callback.
   */
  signIn(authorizationUrl: string, login: string, options?: { cancel?: boolean }): Promise<URL>;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (panva's oidc-provider, the certified implementation) on a free
 * loopback port, with one confidential client registered for the app and an RSA key made at start.
 * Consent is implied (first-party client): a sign-in is one login form.
 */
export async function startTestOidcProvider(options: {
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  port?: number;
  client?: { id: string; secret: string };
  /** The claims of a login not in `accounts` (end-to-end runs: anyone typing an address). */
  accountFor?: (login: string) => TestOidcAccount | undefined;
}): Promise<TestOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const signingKey = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const accounts = new Map<string, TestOidcAccount>();
  const clientId = options.client?.id ?? 'archipel';
  const clientSecret = options.client?.secret ?? `secret-${randomUUID()}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomUUID()] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      // ProConnect has a scope per claim (usual_name, siret, uid); here the profile carries them.
      profile: ['given_name', 'family_name', 'usual_name', 'name'],
    },
    pkce: { required: () => true },
    // Seconds; set so the provider does not warn about its defaults.
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub) ?? options.accountFor?.(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account }) };
    },
    // The app is first-party: every scope it asks is granted without a consent screen.
    async loadExistingGrant(ctx) {
      const { client, session, params } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(String(params?.scope ?? 'openid'));
      grant.addOIDCClaims(['email', 'email_verified', 'given_name', 'family_name', 'usual_name']);
      await grant.save();
      return grant;
    },
  });

  const state: Pick<TestOidcProvider, 'tamper'> = { tamper: undefined };
  provider.use(async (ctx, next) => {
    await next();
    const body: unknown = ctx.body;
    if (ctx.path !== '/token' || ctx.status !== 200 || !state.tamper) return;
    if (typeof body !== 'object' || body === null || !('id_token' in body)) return;
    const claims = state.tamper(decodeJwt(String(body.id_token)));
    ctx.body = {
      ...body,
      id_token: await new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .sign(privateKey),
    };
  });
  server.on('request', provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    get tamper() {
      return state.tamper;
    },
    set tamper(value) {
      state.tamper = value;
    },
    signIn: (authorizationUrl, login, signInOptions) =>
      driveSignIn(issuer, authorizationUrl, login, signInOptions?.cancel ?? false),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Follows redirects with a cookie jar until the provider sends the browser off to another site. */
async function driveSignIn(
  issuer: string,
  authorizationUrl: string,
  login: string,
  cancel: boolean,
): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  let url = new URL(authorizationUrl);
  let init: RequestInit = {};
  for (let step = 0; step < 12; step++) {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader() },
    });
    remember(response);
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== new URL(issuer).origin) return next;
      url = next;
      init = {};
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (response.status !== 200 || !action || !html.includes('name="login"')) {
      throw new Error(`unexpected page at the provider (${response.status}): ${html.slice(0, 300)}`);
    }
    const abort = /<a href="([^"]+\/abort)"/.exec(html)?.[1];
    if (cancel && abort) {
      // "Cancel" on the provider's page: it sends the browser back with error=access_denied.
      url = new URL(abort.replaceAll('&amp;', '&'), url);
      init = {};
      continue;
    }
    url = new URL(action.replaceAll('&amp;', '&'), url);
    init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
    };
  }
  throw new Error('too many redirects at the provider');
}
