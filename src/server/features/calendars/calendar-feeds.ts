import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** 32 bytes in base64url, without padding. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A feed token is the HMAC-SHA256 (32 bytes) of the feed's random nonce under the instance
 * secret. The database keeps the nonce and the token's hash, never the token: a copy of the
 * database alone opens no feed when AUTH_SECRET is set (otherwise the generated secret is stored
 * in the same database), yet the profile page can show the same link again.
 */
function tokenOf(secret: string, nonce: string): string {
  return createHmac('sha256', secret).update(`archipel:calendar-feed:${nonce}`).digest('base64url');
}

function freshFeed(secret: string) {
  const nonce = randomBytes(32).toString('base64url');
  const token = tokenOf(secret, nonce);
  return { nonce, token, tokenHash: hashOf(token) };
}

/** The person's feed token, created on first call (insert-if-absent: two first calls agree). */
export async function ensureFeedToken(db: Kysely<DB>, secret: string, userId: string): Promise<string> {
  const { nonce, tokenHash } = freshFeed(secret);
  await db
    .insertInto('calendarFeeds')
    .values({ userId, nonce, tokenHash, createdAt: new Date().toISOString() })
    .onConflict((oc) => oc.column('userId').doNothing())
    .execute();
  const row = await db
    .selectFrom('calendarFeeds')
    .select(['nonce', 'tokenHash'])
    .where('userId', '=', userId)
    .executeTakeFirstOrThrow();
  const token = tokenOf(secret, row.nonce);
  if (hashOf(token) !== row.tokenHash) {
    // The instance secret changed since the link was made: the link shown must be one that opens.
    // Conditional on the nonce, so a rotation in between is not undone.
    await db
      .updateTable('calendarFeeds')
      .set({ tokenHash: hashOf(token) })
      .where('userId', '=', userId)
      .where('nonce', '=', row.nonce)
      .execute();
  }
  return token;
}

/** A new token for the person; the previous one stops working in the same statement. */
export async function rotateFeedToken(db: Kysely<DB>, secret: string, userId: string): Promise<string> {
  const { nonce, token, tokenHash } = freshFeed(secret);
  const createdAt = new Date().toISOString();
  await db
    .insertInto('calendarFeeds')
    .values({ userId, nonce, tokenHash, createdAt })
    .onConflict((oc) => oc.column('userId').doUpdateSet({ nonce, tokenHash, createdAt }))
    .execute();
  return token;
}

export async function revokeFeedToken(db: Kysely<DB>, userId: string): Promise<void> {
  await db.deleteFrom('calendarFeeds').where('userId', '=', userId).execute();
}

/** Whose feed a token opens; undefined for a malformed, rotated or revoked token. */
export async function findFeedOwner(db: Kysely<DB>, token: string): Promise<string | undefined> {
  if (!TOKEN_FORMAT.test(token)) return undefined;
  const row = await db
    .selectFrom('calendarFeeds')
    .select('userId')
    .where('tokenHash', '=', hashOf(token))
    .executeTakeFirst();
  return row?.userId;
}
