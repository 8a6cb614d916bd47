import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import type { PersonColumn } from '../feature-descriptor.ts';
import { mergePlaceholder } from '../placeholders/placeholders.public.ts';
import { hashGuestToken, newGuestCode, newGuestToken } from './guest-tokens.ts';
import { findOpenCode } from './guests.queries.ts';

/** Guests one code admits at most: a room, a conference hall, not a crowd. */
export const MAX_GUESTS_PER_CODE = 300;

/** Opens the session to guests until now + the duration; a new code each time. */
export async function openGuestCode(
  db: Kysely<DB>,
  input: { sessionId: string; createdBy: string; durationMinutes: number },
  now = new Date(),
) {
  const createdAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + input.durationMinutes * 60_000).toISOString();
  // 25^8 codes: a collision with a code of any time is rare; the unique index decides.
  for (let attempt = 0; ; attempt++) {
    const code = newGuestCode();
    const taken = await db.selectFrom('guestCodes').select('id').where('code', '=', code).executeTakeFirst();
    if (taken) {
      if (attempt >= 5) throw new AppError('CONFLICT', 'No free code, try again');
      continue;
    }
    const id = randomUUID();
    await db
      .insertInto('guestCodes')
      .values({ id, sessionId: input.sessionId, code, createdBy: input.createdBy, createdAt, expiresAt })
      .execute();
    return id;
  }
}

/** Revokes a code of the session at once; returns its guests (whose live connections must close). */
export async function revokeGuestCode(db: Kysely<DB>, sessionId: string, codeId: string) {
  return db.transaction().execute(async (trx) => {
    const revoked = await trx
      .updateTable('guestCodes')
      .set({ revokedAt: new Date().toISOString() })
      .where('id', '=', codeId)
      .where('sessionId', '=', sessionId)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    if (Number(revoked.numUpdatedRows) === 0) return undefined;
    const guests = await trx.selectFrom('guests').select('userId').where('codeId', '=', codeId).execute();
    return guests.map((row) => row.userId);
  });
}

/**
 * A guest joins with an open code and a name: a person row without credentials (a placeholder, so
 * nothing treats it as an account and a claim can take its place) and the guest row naming it with
 * the SHA-256 of the browser's new secret. Returns the secret (the cookie's value) once.
 */
export async function joinAsGuest(db: Kysely<DB>, input: { code: string; name: string }) {
  return db.transaction().execute(async (trx) => {
    const code = await findOpenCode(trx, input.code);
    if (!code) throw new AppError('NOT_FOUND', 'This code is unknown, expired or closed');
    const joined = await trx
      .selectFrom('guests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('codeId', '=', code.id)
      .executeTakeFirstOrThrow();
    if (Number(joined.n) >= MAX_GUESTS_PER_CODE)
      throw new AppError('CONFLICT', 'This code has admitted as many guests as it can');
    const userId = randomUUID();
    const token = newGuestToken();
    const now = new Date().toISOString();
    await trx
      .insertInto('users')
      .values({
        id: userId,
        name: input.name,
        // Reserved top-level domain (RFC 2606): never an address anyone receives mail at.
        email: `guest-${userId}@guest.invalid`,
        emailVerified: false,
        image: null,
        organisation: null,
        territory: null,
        bio: null,
        isPlaceholder: true,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await trx
      .insertInto('guests')
      .values({
        userId,
        codeId: code.id,
        sessionId: code.sessionId,
        tokenHash: hashGuestToken(token),
        createdAt: now,
      })
      .execute();
    const session = await trx
      .selectFrom('sessions')
      .select('circleId')
      .where('id', '=', code.sessionId)
      .executeTakeFirstOrThrow();
    return { userId, token, sessionId: code.sessionId, circleId: session.circleId };
  });
}

/**
 * An account takes a guest's place: their check-ins, post-its, dots and ballots become the
 * account's (the placeholders' merge, which also deletes the guest's person row).
 */
export async function claimGuest(
  db: Kysely<DB>,
  guestId: string,
  accountId: string,
  personColumns: readonly PersonColumn[],
) {
  if (guestId === accountId) throw new AppError('CONFLICT', 'Nothing to claim');
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('guests').where('userId', '=', guestId).execute();
    await mergePlaceholder(trx, guestId, accountId, personColumns);
  });
}

/** Guests whose code ended (expired) in the window before now: their live connections close. */
export async function guestsExpiredSince(db: Kysely<DB>, since: Date, now: Date) {
  const rows = await db
    .selectFrom('guests as g')
    .innerJoin('guestCodes as c', 'c.id', 'g.codeId')
    .select('g.userId')
    .where('c.revokedAt', 'is', null)
    .where('c.expiresAt', '>', since.toISOString())
    .where('c.expiresAt', '<=', now.toISOString())
    .execute();
  return rows.map((row) => row.userId);
}
