import type { Kysely } from 'kysely';
import type { CalendarEntry } from '../../calendar/ics-writer.ts';
import type { DB } from '../../db/schema.ts';

/** Feeds carry the past three months and everything to come; older sessions are history. */
export const FEED_PAST_DAYS = 92;
/** A bound on one feed's size, far above what a person's circles hold in that window. */
const FEED_MAX_SESSIONS = 1000;

export function feedWindowStart(now = Date.now()): string {
  return new Date(now - FEED_PAST_DAYS * 24 * 3600_000).toISOString();
}

/**
 * Sessions of every circle where the person is a member (not waitlisted, not asking to join),
 * private circles included: the feed is their own secret link. Cancelled ones stay, as such.
 */
export async function listFeedSessions(
  db: Kysely<DB>,
  userId: string,
  since: string,
): Promise<CalendarEntry[]> {
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('circles as c', 'c.id', 's.circleId')
    .innerJoin('circleMembers as m', (join) =>
      join.onRef('m.circleId', '=', 'c.id').on('m.userId', '=', userId).on('m.status', '=', 'member'),
    )
    .selectAll('s')
    .select('c.name as circleName')
    .where('s.endsAt', '>=', since)
    .orderBy('s.startsAt')
    .orderBy('s.id')
    .limit(FEED_MAX_SESSIONS)
    .execute();
  return rows.map(({ circleName, ...session }) => ({ session, circleName }));
}

/** A public circle's sessions for its public feed; undefined when the circle is not public. */
export async function findPublicCircleFeed(db: Kysely<DB>, circleId: string, since: string) {
  const circle = await db
    .selectFrom('circles')
    .select(['id', 'name'])
    .where('id', '=', circleId)
    .where('visibility', '=', 'public')
    .executeTakeFirst();
  if (!circle) return undefined;
  const sessions = await db
    .selectFrom('sessions')
    .selectAll()
    .where('circleId', '=', circle.id)
    .where('endsAt', '>=', since)
    .orderBy('startsAt')
    .orderBy('id')
    .limit(FEED_MAX_SESSIONS)
    .execute();
  return {
    name: circle.name,
    entries: sessions.map((session): CalendarEntry => ({ session, circleName: circle.name })),
  };
}
