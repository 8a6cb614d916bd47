import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Auth } from '../../auth/auth.ts';
import type { DB } from '../../db/schema.ts';

/** A sign-in in progress at the provider: what the callback must find again, server-side. */
export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

const flowSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  returnTo: z.string(),
});

/** Ten minutes to sign in at the provider; ProConnect's own pages can take a while. */
const FLOW_TTL_SECONDS = 10 * 60;
const identifierOf = (state: string) => `oidc-flow:${state}`;

/**
 * Flows live in better-auth's verification table, by its adapter: the identifier is stored as its
 * SHA-256 (auth.ts), and taking one is atomic, so a state (and the code beside it) works once.
 */
export function oidcFlows(auth: Auth) {
  return {
    ttlSeconds: FLOW_TTL_SECONDS,
    async save(flow: OidcFlow): Promise<void> {
      const { internalAdapter } = await auth.$context;
      await internalAdapter.createVerificationValue({
        identifier: identifierOf(flow.state),
        value: JSON.stringify(flow),
        expiresAt: new Date(Date.now() + FLOW_TTL_SECONDS * 1000),
      });
    },
    /** The flow of this state, removed as it is read; undefined when unknown, expired or taken. */
    async take(state: string): Promise<OidcFlow | undefined> {
      const { internalAdapter } = await auth.$context;
      const row = await internalAdapter.consumeVerificationValue(identifierOf(state));
      if (!row) return undefined;
      const parsed = flowSchema.safeParse(JSON.parse(row.value));
      return parsed.success && parsed.data.state === state ? parsed.data : undefined;
    },
  };
}

/**
 * Sign-ins abandoned at the provider leave their flow behind; so do unused mailed links. An
 * expired row is refused by better-auth whatever it is, so rows expired an hour ago go (the job
 * runner's tick, on every instance: deleting twice is harmless).
 */
export async function deleteExpiredVerifications(db: Kysely<DB>, now: Date): Promise<void> {
  const before = new Date(now.getTime() - 60 * 60 * 1000).toISOString();
  await db.deleteFrom('authVerifications').where('expiresAt', '<', before).execute();
}
