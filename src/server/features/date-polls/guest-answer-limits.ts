import { createHmac, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';

/**
 * A guest answer that leaves an e-mail address makes the instance write to that address when the
 * poll closes. Without limits, anyone holding a share link (or any public circle's poll) could
 * have the instance mail strangers in bulk. The route's per-minute limit stops floods; these stop
 * the slow drip, across instances and restarts, since they are counted in the database.
 */
export const GUEST_ANSWER_LIMITS = {
  /** Answers naming one e-mail address, over every poll, per day. */
  perAddressPerDay: 5,
  /** Answers leaving an address, from one network address, per hour (an office answers together). */
  addressedPerSourcePerHour: 20,
} as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Who the answer comes from and which address it names, as HMACs: the limits need no more. */
export interface GuestAnswerOrigin {
  addressHash: string | null;
  sourceHash: string;
}

export function guestAnswerOrigin(
  secret: string,
  source: string,
  email: string | undefined,
): GuestAnswerOrigin {
  const mac = (kind: string, value: string) =>
    createHmac('sha256', secret).update(`guest-answer:${kind}:${value}`).digest('base64url');
  return {
    addressHash: email === undefined ? null : mac('address', email.trim().toLowerCase()),
    sourceHash: mac('source', source),
  };
}

/**
 * Counts an answer that leaves an address against both limits and marks it, in the caller's transaction (so a refused or
 * failed answer leaves no mark). Marks past a day are pruned on the way: nothing is kept longer
 * than a limit needs. Two simultaneous answers on PostgreSQL may both pass the last free place;
 * a limit, unlike a capacity, tolerates that.
 */
export async function takeGuestAnswerAllowance(
  trx: Kysely<DB>,
  origin: GuestAnswerOrigin,
  now = new Date(),
): Promise<void> {
  // An answer without an address makes the instance write to nobody: the route's limit is enough.
  if (origin.addressHash === null) return;
  const addressHash = origin.addressHash;
  const dayAgo = new Date(now.getTime() - DAY).toISOString();
  await trx.deleteFrom('guestAnswerMarks').where('createdAt', '<', dayAgo).execute();
  const countMarks = async (where: { addressHash: string } | { sourceHash: string }, since: string) => {
    let query = trx
      .selectFrom('guestAnswerMarks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('createdAt', '>=', since);
    query =
      'addressHash' in where
        ? query.where('addressHash', '=', where.addressHash)
        : query.where('sourceHash', '=', where.sourceHash);
    return Number((await query.executeTakeFirst())?.n ?? 0);
  };
  if ((await countMarks({ addressHash }, dayAgo)) >= GUEST_ANSWER_LIMITS.perAddressPerDay) {
    throw new AppError('RATE_LIMITED', 'This e-mail address has been given enough times today', [
      { path: ['body', 'email'], message: 'too many answers with this address today' },
    ]);
  }
  const hourAgo = new Date(now.getTime() - HOUR).toISOString();
  if (
    (await countMarks({ sourceHash: origin.sourceHash }, hourAgo)) >=
    GUEST_ANSWER_LIMITS.addressedPerSourcePerHour
  ) {
    throw new AppError('RATE_LIMITED', 'Too many e-mail addresses given from here, try again later', [
      { path: ['body', 'email'], message: 'too many answers with an address from this network' },
    ]);
  }
  await trx
    .insertInto('guestAnswerMarks')
    .values({ id: randomUUID(), addressHash, sourceHash: origin.sourceHash, createdAt: now.toISOString() })
    .execute();
}
