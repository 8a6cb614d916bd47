import type { Kysely } from 'kysely';
import { HOME_LIST_LIMIT, type HomeItem } from '../../../contract/hub.ts';
import { toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import type { Viewer } from '../../http/viewer.ts';
import { sessionReadableTo } from './home-visibility.ts';

/** Where a home list is read: the community, who asks, and the instant "now" is. */
export interface HomeScope {
  communityId: string;
  viewer: Viewer | undefined;
  now: string;
}

/** An announcement is a line of text; the home shows its start, the session page the whole. */
const ANNOUNCEMENT_CHARS = 280;

/**
 * Sessions walked in date order (sessions_starts_idx), each checked against its circle, until the
 * list is full: a CROSS JOIN makes SQLite keep sessions as the outer table (PostgreSQL plans it as
 * any join). Led by the circles instead, a community of 100,000 sessions was read whole and sorted
 * for six lines (issue 16, item 5).
 */
function readableSessions(db: Kysely<DB>, { communityId, viewer }: HomeScope) {
  return db
    .selectFrom('sessions as s')
    .crossJoin('circles as ci')
    .whereRef('ci.id', '=', 's.circleId')
    .where('ci.communityId', '=', communityId)
    .where((eb) => sessionReadableTo(eb, viewer));
}

interface SessionLine {
  id: string;
  title: string;
  startsAt: Date | string;
  timeZone: string;
  circleId: string;
  circleName: string;
}

const sessionItem = (row: SessionLine, url: string): HomeItem => ({
  id: row.id,
  title: row.title,
  url,
  date: toIso(row.startsAt),
  timeZone: row.timeZone,
  circle: { id: row.circleId, name: row.circleName },
});

const sessionColumns = [
  's.id',
  's.title',
  's.startsAt',
  's.timeZone',
  'ci.id as circleId',
  'ci.name as circleName',
] as const;

/** A session that started longer ago than this is no longer "next", even if it has not ended. */
export const NEXT_SESSION_LOOK_BACK_MS = 86_400_000;

/**
 * Sessions not over, not ended by their facilitator and not called off, soonest first. Only those
 * that started within the last day: the bound lets the date index start near now instead of
 * walking every past session (a session is a meeting of hours; what lasts days is an event).
 */
export async function nextSessions(db: Kysely<DB>, scope: HomeScope): Promise<HomeItem[]> {
  const lookBack = new Date(Date.parse(scope.now) - NEXT_SESSION_LOOK_BACK_MS).toISOString();
  const rows = await readableSessions(db, scope)
    .select(sessionColumns)
    .where('s.cancelledAt', 'is', null)
    .where('s.status', '!=', 'ended')
    .where('s.startsAt', '>=', lookBack)
    .where('s.endsAt', '>=', scope.now)
    .orderBy('s.startsAt', 'asc')
    .orderBy('s.id')
    .limit(HOME_LIST_LIMIT)
    .execute();
  return rows.map((row) => sessionItem(row, `/sessions/${row.id}`));
}

/** The minutes of the sessions that started most recently and were not called off. */
export async function latestMinutes(db: Kysely<DB>, scope: HomeScope): Promise<HomeItem[]> {
  const rows = await readableSessions(db, scope)
    .select(sessionColumns)
    .where('s.cancelledAt', 'is', null)
    .where('s.startsAt', '<', scope.now)
    // Ties by id backwards too: sessions_starts_idx walked backwards gives the whole order.
    .orderBy('s.startsAt', 'desc')
    .orderBy('s.id', 'desc')
    .limit(HOME_LIST_LIMIT)
    .execute();
  return rows.map((row) => sessionItem(row, `/sessions/${row.id}/minutes`));
}

/**
 * « À communiquer »: the latest sessions' announcements, in their order within each session. Of
 * sessions that have started (what is said in a session): the date walk then starts at now, not
 * across every planned session first.
 */
export async function latestAnnouncements(db: Kysely<DB>, scope: HomeScope): Promise<HomeItem[]> {
  const rows = await readableSessions(db, scope)
    .innerJoin('announcements as a', 'a.sessionId', 's.id')
    .where('s.startsAt', '<', scope.now)
    .select([...sessionColumns.slice(1), 's.id as sessionId', 'a.id as announcementId', 'a.text'])
    .orderBy('s.startsAt', 'desc')
    .orderBy('s.id', 'desc')
    .orderBy('a.position')
    .limit(HOME_LIST_LIMIT)
    .execute();
  return rows.map((row) => ({
    ...sessionItem({ ...row, id: row.sessionId }, `/sessions/${row.sessionId}`),
    id: row.announcementId,
    title: row.text.length > ANNOUNCEMENT_CHARS ? `${row.text.slice(0, ANNOUNCEMENT_CHARS - 1)}…` : row.text,
  }));
}
