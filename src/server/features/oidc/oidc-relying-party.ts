import * as client from 'openid-client';
import type { Env } from '../../env.ts';
import { OidcRefusal } from './oidc-refusal.ts';

/** The provider Archipel signs in through, from the environment (decision 039). */
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  scopes: string;
  label: string;
  /** Authentication levels asked for; the ID token's `acr` must be one of them. Empty: none asked. */
  acrValues: string[];
  only: boolean;
  assumeEmailVerified: boolean;
  /** Registered at the provider: where it sends the browser back after sign-in and after logout. */
  redirectUri: string;
  postLogoutRedirectUri: string;
}

export const OIDC_CALLBACK_PATH = '/api/v1/auth/oidc/callback';

/** The settings when single sign-on is configured, otherwise undefined. */
export function oidcSettings(env: Env): OidcSettings | undefined {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return undefined;
  return {
    issuer: new URL(env.OIDC_ISSUER),
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    scopes: env.OIDC_SCOPES,
    label: env.OIDC_LABEL,
    acrValues: env.OIDC_ACR_VALUES?.split(' ') ?? [],
    only: env.OIDC_ONLY,
    assumeEmailVerified: env.OIDC_ASSUME_EMAIL_VERIFIED,
    redirectUri: `${env.PUBLIC_URL}${OIDC_CALLBACK_PATH}`,
    postLogoutRedirectUri: `${env.PUBLIC_URL}/`,
  };
}

/** The provider's metadata is read again after this long (keys rotate, endpoints move). */
const DISCOVERY_TTL_MS = 60 * 60 * 1000;
/** Seconds one request to the provider may take: a stalled provider must not hold sign-ins open. */
const PROVIDER_TIMEOUT_SECONDS = 10;

export interface RelyingParty {
  settings: OidcSettings;
  /** The provider's configuration from discovery, cached; a failed discovery is tried again next time. */
  configuration(): Promise<client.Configuration>;
}

export function createRelyingParty(settings: OidcSettings, now: () => number = Date.now): RelyingParty {
  let cached: { at: number; configuration: Promise<client.Configuration> } | undefined;

  async function discover(): Promise<client.Configuration> {
    const insecure = settings.issuer.protocol === 'http:';
    const discovered = await client.discovery(settings.issuer, settings.clientId, undefined, undefined, {
      timeout: PROVIDER_TIMEOUT_SECONDS,
      ...(insecure && { execute: [client.allowInsecureRequests] }),
    });
    const metadata = discovered.serverMetadata();
    // HTTP Basic is the OAuth default; providers that list only client_secret_post (ProConnect
    // among them) get the secret in the body.
    const methods = metadata.token_endpoint_auth_methods_supported;
    const auth =
      methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')
        ? client.ClientSecretPost(settings.clientSecret)
        : client.ClientSecretBasic(settings.clientSecret);
    const configuration = new client.Configuration(
      metadata,
      settings.clientId,
      { client_secret: settings.clientSecret },
      auth,
    );
    configuration.timeout = PROVIDER_TIMEOUT_SECONDS;
    if (insecure) client.allowInsecureRequests(configuration);
    // The ID token's (and a signed UserInfo's) signature is checked against the provider's keys,
    // not only trusted because it came over TLS: the token is kept as proof of the sign-in.
    client.enableNonRepudiationChecks(configuration);
    return configuration;
  }

  return {
    settings,
    configuration() {
      if (!cached || now() - cached.at > DISCOVERY_TTL_MS) {
        const configuration = discover();
        const entry = { at: now(), configuration };
        cached = entry;
        configuration.catch(() => {
          if (cached === entry) cached = undefined;
        });
      }
      return cached.configuration;
    },
  };
}

/**
 * The second half of a sign-in: exchanges the code (with the PKCE verifier), has openid-client
 * check the ID token (signature, iss, aud, exp, iat, nonce, azp, state), checks the acr, and reads
 * UserInfo when the provider has it (ProConnect and oidc-provider give the profile there only; its
 * `sub` must be the ID token's). Throws OidcRefusal with the reason for the audit log.
 */
export async function completeAuthorization(
  party: RelyingParty,
  callbackUrl: URL,
  flow: { state: string; nonce: string; codeVerifier: string },
): Promise<{ claims: Record<string, unknown>; idToken: string }> {
  const { settings } = party;
  try {
    const configuration = await party.configuration();
    const tokens = await client.authorizationCodeGrant(
      configuration,
      callbackUrl,
      { expectedState: flow.state, expectedNonce: flow.nonce, pkceCodeVerifier: flow.codeVerifier },
      { redirect_uri: settings.redirectUri },
    );
    const idClaims = tokens.claims();
    if (!idClaims || !tokens.id_token) throw new OidcRefusal('no id token');
    if (settings.acrValues.length > 0 && !settings.acrValues.includes(String(idClaims.acr ?? ''))) {
      throw new OidcRefusal('acr not accepted');
    }
    const userInfo = configuration.serverMetadata().userinfo_endpoint
      ? await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)
      : {};
    // Where both speak, the signed ID token wins.
    return { claims: { ...userInfo, ...idClaims }, idToken: tokens.id_token };
  } catch (error) {
    if (error instanceof OidcRefusal) throw error;
    if (error instanceof client.AuthorizationResponseError && error.error === 'access_denied') {
      throw new OidcRefusal(refusalReason(error), 'cancelled');
    }
    if (isUnreachable(error)) throw new OidcRefusal('provider unreachable', 'unavailable', { cause: error });
    throw new OidcRefusal(refusalReason(error));
  }
}

/** The provider did not answer (network, timeout), as opposed to answering no. */
function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'TimeoutError' ||
    error.name === 'AbortError' ||
    (error instanceof TypeError && /fetch failed/.test(error.message))
  );
}

/** What a refusal is recorded as in the audit log: a reason, never a token or a claim's value. */
export function refusalReason(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError) return `provider error: ${safeWord(error.error)}`;
  if (error instanceof client.ResponseBodyError) return `token endpoint: ${safeWord(error.error)}`;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    const claim = claimOf(error.cause);
    if (error.code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') {
      return claim === 'exp' ? 'id token expired' : `id token ${claim ?? 'timestamp'} check failed`;
    }
    if (error.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED') return `id token ${claim ?? 'claim'} mismatch`;
    if (/SIGNATURE/.test(error.code)) return 'id token signature invalid';
    return `rejected: ${safeWord(error.code)}`;
  }
  return 'rejected';
}

/** The claim a check failed on: on the error's cause, or its cause's (openid-client wraps). */
function claimOf(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 2) return undefined;
  if ('claim' in error && typeof error.claim === 'string') return safeWord(error.claim);
  return 'cause' in error ? claimOf(error.cause, depth + 1) : undefined;
}

/** Error codes and claim names only: anything else the provider sent is dropped. */
function safeWord(value: string): string {
  return value.replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 60);
}
