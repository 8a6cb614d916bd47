import type { Kysely } from 'kysely';
import * as client from 'openid-client';
import type { DB } from '../../db/schema.ts';
import type { Env } from '../../env.ts';
import { createRelyingParty, oidcSettings, type RelyingParty } from './oidc-relying-party.ts';
import './oidc.tables.ts';

export { OIDC_PROVIDER_ID } from './oidc-accounts.commands.ts';

const parties = new WeakMap<Env, RelyingParty | null>();

/** The app's one relying party (its discovery cache), or undefined when SSO is not configured. */
export function relyingPartyFor(env: Env): RelyingParty | undefined {
  let party = parties.get(env);
  if (party === undefined) {
    const settings = oidcSettings(env);
    party = settings ? createRelyingParty(settings) : null;
    parties.set(env, party);
  }
  return party ?? undefined;
}

/** Password sign-up and reset are refused under OIDC_ONLY (the provider is the only way in). */
export function isOidcOnly(env: Env): boolean {
  return relyingPartyFor(env)?.settings.only ?? false;
}

/**
 * Where the browser goes to log out at the provider when this session was opened through it
 * (RP-initiated logout with id_token_hint), or null. Ask before the session is deleted: its
 * oidc_sessions row goes with it.
 */
export async function providerLogoutUrl(db: Kysely<DB>, env: Env, sessionId: string): Promise<string | null> {
  const party = relyingPartyFor(env);
  if (!party) return null;
  const row = await db
    .selectFrom('oidcSessions')
    .select('idToken')
    .where('sessionId', '=', sessionId)
    .executeTakeFirst();
  if (!row) return null;
  try {
    const configuration = await party.configuration();
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(configuration, {
      id_token_hint: row.idToken,
      post_logout_redirect_uri: party.settings.postLogoutRedirectUri,
      // ProConnect requires a state on logout; nothing comes back to check it against.
      state: client.randomState(),
    }).href;
  } catch {
    // The provider cannot be reached: signing out here still happens.
    return null;
  }
}
