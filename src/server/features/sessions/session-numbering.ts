import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The columns `numberingColumns` adds to a session row. */
export interface NumberingColumns {
  sessionRank: number | string | null;
  plannedSessions: number | string | null;
}

/**
 * "Séance 3 sur 4", in SQL, the same on both databases: a session's rank among its circle's
 * sessions that were not called off, by start then id (a cycle is one circle: decision 055), and
 * the number of sessions its circle plans. A cancelled session has no rank, and calling one off
 * renumbers those after it. `ref` names the columns of the session row in the outer query.
 */
export function numberingColumns(ref: {
  id: string;
  circleId: string;
  startsAt: string;
  cancelledAt: string;
}) {
  const [id, circleId, startsAt, cancelledAt] = [ref.id, ref.circleId, ref.startsAt, ref.cancelledAt].map(
    (r) => sql.ref(r),
  );
  return [
    sql<number | string | null>`case when ${cancelledAt} is null then (
      select count(*) from sessions ranked
      where ranked.circle_id = ${circleId} and ranked.cancelled_at is null
        and (ranked.starts_at < ${startsAt} or (ranked.starts_at = ${startsAt} and ranked.id <= ${id}))
    ) end`.as('sessionRank'),
    sql<
      number | string | null
    >`(select planned.planned_sessions from circles planned where planned.id = ${circleId})`.as(
      'plannedSessions',
    ),
  ] as const;
}

/** The numbering of one session (its page). */
export function findSessionNumbering(
  db: Kysely<DB>,
  sessionId: string,
): Promise<NumberingColumns | undefined> {
  return db
    .selectFrom('sessions')
    .select(
      numberingColumns({
        id: 'sessions.id',
        circleId: 'sessions.circleId',
        startsAt: 'sessions.startsAt',
        cancelledAt: 'sessions.cancelledAt',
      }),
    )
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
}

/** The wire shape: null for a cancelled session. */
export function toNumbering(row: NumberingColumns): { rank: number; plannedTotal: number | null } | null {
  if (row.sessionRank === null) return null;
  return {
    rank: Number(row.sessionRank),
    plannedTotal: row.plannedSessions === null ? null : Number(row.plannedSessions),
  };
}
