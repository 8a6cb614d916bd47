import type { Kysely } from 'kysely';
import type { GuestCode, GuestHome } from '../../../contract/guest.ts';
import { toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { guestJoinUrl, hashGuestToken, isGuestToken } from './guest-tokens.ts';

const nowIso = () => new Date().toISOString();

/**
 * The guest a browser's secret names, while the code it joined with is open: a viewer standing in
 * that session only. One statement, asked at every request of a guest (never remembered), so a
 * code revoked or expired ends its guests' access at their next request.
 */
export async function findGuestViewer(db: Kysely<DB>, token: string): Promise<Viewer | undefined> {
  if (!isGuestToken(token)) return undefined;
  const row = await db
    .selectFrom('guests as g')
    .innerJoin('guestCodes as c', 'c.id', 'g.codeId')
    .innerJoin('sessions as s', 's.id', 'g.sessionId')
    .select(['g.userId', 'g.sessionId', 's.circleId'])
    .where('g.tokenHash', '=', hashGuestToken(token))
    .where('c.revokedAt', 'is', null)
    .where('c.expiresAt', '>', nowIso())
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.userId, isAdmin: false, guestScope: { sessionId: row.sessionId, circleId: row.circleId } };
}

/** The guest a browser's secret names, open code or not (a guest who registered claims later). */
export async function findGuestByToken(db: Kysely<DB>, token: string) {
  if (!isGuestToken(token)) return undefined;
  return db
    .selectFrom('guests')
    .selectAll()
    .where('tokenHash', '=', hashGuestToken(token))
    .executeTakeFirst();
}

/** The code if it admits guests now. */
export async function findOpenCode(db: Kysely<DB>, code: string) {
  return db
    .selectFrom('guestCodes')
    .selectAll()
    .where('code', '=', code)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', nowIso())
    .executeTakeFirst();
}

/** The session's open codes, newest first, as its facilitators see them. */
export async function listOpenCodes(
  db: Kysely<DB>,
  sessionId: string,
  publicUrl: string,
): Promise<GuestCode[]> {
  const rows = await db
    .selectFrom('guestCodes as c')
    .select((eb) => [
      'c.id',
      'c.sessionId',
      'c.code',
      'c.createdAt',
      'c.expiresAt',
      eb
        .selectFrom('guests as g')
        .whereRef('g.codeId', '=', 'c.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('guestCount'),
    ])
    .where('c.sessionId', '=', sessionId)
    .where('c.revokedAt', 'is', null)
    .where('c.expiresAt', '>', nowIso())
    .orderBy('c.createdAt', 'desc')
    .orderBy('c.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    sessionId: row.sessionId,
    code: row.code,
    url: guestJoinUrl(publicUrl, row.code),
    createdAt: toIso(row.createdAt),
    expiresAt: toIso(row.expiresAt),
    guestCount: Number(row.guestCount ?? 0),
  }));
}

/** What a guest may use: their session, its boards and its circle polls (open or closed). */
export async function guestHome(db: Kysely<DB>, viewer: Viewer): Promise<GuestHome> {
  const scope = viewer.guestScope;
  if (!scope) throw notFound('Guest');
  const row = await db
    .selectFrom('guests as g')
    .innerJoin('users as u', 'u.id', 'g.userId')
    .innerJoin('guestCodes as c', 'c.id', 'g.codeId')
    .innerJoin('sessions as s', 's.id', 'g.sessionId')
    .innerJoin('circles as ci', 'ci.id', 's.circleId')
    .select([
      'u.id',
      'u.name',
      'c.expiresAt',
      's.id as sessionId',
      's.title',
      's.startsAt',
      's.endsAt',
      's.timeZone',
      's.place',
      'ci.name as circleName',
    ])
    .where('g.userId', '=', viewer.id)
    .executeTakeFirst();
  if (!row) throw notFound('Guest');
  const boards = await db
    .selectFrom('boards')
    .select(['id', 'title'])
    .where('sessionId', '=', scope.sessionId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  const polls = await db
    .selectFrom('polls')
    .select(['id', 'title'])
    .where('sessionId', '=', scope.sessionId)
    .where('circleId', '=', scope.circleId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return {
    guest: { id: row.id, name: row.name },
    expiresAt: toIso(row.expiresAt),
    session: {
      id: row.sessionId,
      title: row.title,
      circleName: row.circleName,
      startsAt: toIso(row.startsAt),
      endsAt: toIso(row.endsAt),
      timeZone: row.timeZone,
      place: row.place,
    },
    boards,
    polls,
  };
}

/** Among these people, the guests of a session whose code is still open (they vote on its polls). */
export async function openGuestsAmong(
  db: Kysely<DB>,
  sessionId: string,
  userIds: string[],
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('guests as g')
    .innerJoin('guestCodes as c', 'c.id', 'g.codeId')
    .select('g.userId')
    .where('g.sessionId', '=', sessionId)
    .where('g.userId', 'in', userIds)
    .where('c.revokedAt', 'is', null)
    .where('c.expiresAt', '>', nowIso())
    .execute();
  return rows.map((row) => row.userId);
}

/** The session's guests (every code's, while not claimed), by name. */
export async function listSessionGuests(db: Kysely<DB>, sessionId: string) {
  return db
    .selectFrom('guests as g')
    .innerJoin('users as u', 'u.id', 'g.userId')
    .select(['u.id', 'u.name'])
    .where('g.sessionId', '=', sessionId)
    .orderBy('u.name')
    .orderBy('u.id')
    .limit(1000)
    .execute();
}
