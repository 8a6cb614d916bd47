import { createHash, createHmac, randomBytes } from 'node:crypto';

/** How long a claim link opens: a week, time enough to read one's mail after a holiday weekend. */
export const CLAIM_TTL_MS = 7 * 24 * 3600_000;

export const claimTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A claim token is the HMAC-SHA256 of the invitation's random nonce under the instance secret,
 * as for calendar feeds: the database keeps the nonce and the token's hash, never the token, yet
 * the mail job and the steward's "copy the link" can rebuild it.
 */
export function claimTokenOf(secret: string, nonce: string): string {
  return createHmac('sha256', secret).update(`archipel:placeholder-claim:${nonce}`).digest('base64url');
}

export function freshClaimToken(secret: string) {
  const nonce = randomBytes(32).toString('base64url');
  const token = claimTokenOf(secret, nonce);
  return { nonce, token, tokenHash: claimTokenHash(token) };
}

/** The page the invited person opens (a secret path segment, redacted from the access log). */
export const claimUrl = (publicUrl: string, token: string) => `${publicUrl}/claim/${token}`;
