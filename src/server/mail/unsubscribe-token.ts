import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'u1';
/** Not a dot: the web app's fallback treats a path ending in `.xyz` as a missing file. */
const SEPARATOR = '~';

function signature(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:${userId}`).digest('base64url');
}

/**
 * A link token that lets its holder change one person's mail preference without signing in:
 * the user id signed with the instance's auth secret. Nothing is stored; rotating AUTH_SECRET
 * invalidates every link already sent.
 */
export function createUnsubscribeToken(secret: string, userId: string): string {
  return [PREFIX, Buffer.from(userId).toString('base64url'), signature(secret, userId)].join(SEPARATOR);
}

/** The user id behind a token, or undefined when it was altered or forged. */
export function verifyUnsubscribeToken(secret: string, token: string): string | undefined {
  const [prefix, encodedId, given, ...rest] = token.split(SEPARATOR);
  if (prefix !== PREFIX || !encodedId || !given || rest.length > 0) return undefined;
  const userId = Buffer.from(encodedId, 'base64url').toString('utf8');
  const expected = Buffer.from(signature(secret, userId));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  return userId;
}

/** Short on purpose: with a UUID, the token stays under Fastify's 100-character path parameter. */
const GUEST = 'g:';

/**
 * What an unsubscribe token names for a poll's guest, who has no account: their answer. Its
 * link forgets the address they left there. User ids are UUIDs, so the two never meet.
 */
export const guestSubject = (responseId: string) => `${GUEST}${responseId}`;

const NEWSLETTER = 'n:';

/**
 * What a newsletter's unsubscribe token names: the person, for their newsletter preference only
 * (the link stops newsletters, not the mails of their circles). Still under 100 characters.
 */
export const newsletterSubject = (userId: string) => `${NEWSLETTER}${userId}`;

/** The user id behind a newsletter subject, or undefined for any other subject. */
export function newsletterReaderOf(subject: string): string | undefined {
  return subject.startsWith(NEWSLETTER) ? subject.slice(NEWSLETTER.length) : undefined;
}

/** The answer id behind a guest subject, or undefined for a user id. */
export function guestResponseOf(subject: string): string | undefined {
  return subject.startsWith(GUEST) ? subject.slice(GUEST.length) : undefined;
}
