import { type Insertable, type Kysely, sql } from 'kysely';
import { isDoneOnTime } from '../../../domain/review.ts';
import { findTerritory } from '../../../domain/territories.ts';
import { zonedParts } from '../../../domain/zoned-time.ts';
import { one, toIso } from '../../db/columns.ts';
import { lockCommunity } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { pollingLoop } from '../../jobs/polling-loop.ts';
import { circleSurveyScores } from '../surveys/surveys.public.ts';
import { territoryCodesOf } from '../territories/territories.public.ts';
import { circleDays, rebuildDays, recomputeCircleDays } from './dashboard-days.ts';
import './dashboard.tables.ts';

/**
 * The lines' sort key: accents and case dropped, numbers padded so "Cercle 2" comes before
 * "Cercle 10", as the French collator read them before (byte order would put "Cercle Codev"
 * before "Cercle arpentage").
 */
export const nameKey = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\d+/g, (digits) => digits.padStart(12, '0'));

/** A circle's territories with the région of each of its départements, as on the map. */
const withRegions = (codes: readonly string[]) => [
  ...new Set(
    codes.flatMap((code) => {
      const region = findTerritory(code)?.parentCode;
      return region ? [code, region] : [code];
    }),
  ),
];

/**
 * Recomputes one circle's dashboard rows from its sessions, attendance, steps, owners and
 * questionnaires (all its history: a circle holds tens of sessions a year, not thousands), then
 * the days its part changed in its community and territories (dashboard-days.ts), and the active
 * days of its people there, before and after.
 */
async function refreshCircle(
  trx: Kysely<DB>,
  circleId: string,
  communityId: string | undefined,
  withPeople: boolean,
) {
  const before = await peopleAndCodes(trx, circleId);
  for (const table of [
    'dashboardCircles',
    'dashboardCircleCodes',
    'dashboardSessions',
    'dashboardSessionPeople',
    'dashboardSteps',
    'dashboardStepPeople',
    'dashboardSurveys',
  ] as const) {
    await trx.deleteFrom(table).where('circleId', '=', circleId).execute();
  }
  const circle = await trx
    .selectFrom('circles as ci')
    .innerJoin('communities as co', 'co.id', 'ci.communityId')
    .select(['ci.name', 'ci.communityId', 'co.timeZone'])
    .where('ci.id', '=', circleId)
    .executeTakeFirst();
  if (circle) {
    const scope = { circleId, communityId: circle.communityId };
    await trx
      .insertInto('dashboardCircles')
      .values({ ...scope, nameKey: nameKey(circle.name) })
      .execute();
    const codes = withRegions((await territoryCodesOf(trx, 'circle', [circleId])).get(circleId) ?? []);
    await insertAll(
      trx,
      'dashboardCircleCodes',
      codes.map((code) => ({ ...scope, code })),
    );
    await refreshSessions(trx, scope, circle.timeZone);
    await refreshSteps(trx, scope, circle.timeZone);
    await insertAll(
      trx,
      'dashboardSurveys',
      (await circleSurveyScores(trx, circleId)).map((s) => ({
        ...scope,
        ...s,
        anonymous: s.anonymous ? 1 : 0,
        day: zonedParts(new Date(s.createdAt), circle.timeZone).date,
      })),
    );
  }
  const after = await peopleAndCodes(trx, circleId);
  const community = circle?.communityId ?? communityId;
  if (!community || !withPeople) return;
  // The people's days first: the days' rows count each person's last active day (people_last).
  const lastDays = await refreshPersonDays(
    trx,
    community,
    new Set(['', ...before.codes, ...after.codes]),
    new Set([...before.users, ...after.users]),
  );
  await recomputeCircleDays(trx, community, before, after, lastDays);
}

/**
 * The circle's people (present, checked in, owners), territories and part of each day as its rows
 * hold them now.
 */
async function peopleAndCodes(trx: Kysely<DB>, circleId: string) {
  const [sessionPeople, stepPeople, codes, days] = await Promise.all([
    trx.selectFrom('dashboardSessionPeople').select('userId').where('circleId', '=', circleId).execute(),
    trx.selectFrom('dashboardStepPeople').select('userId').where('circleId', '=', circleId).execute(),
    trx.selectFrom('dashboardCircleCodes').select('code').where('circleId', '=', circleId).execute(),
    circleDays(trx, circleId),
  ]);
  return {
    users: [...sessionPeople, ...stepPeople].map((row) => row.userId),
    codes: codes.map((row) => row.code),
    days,
  };
}

/**
 * Rewrites these people's active days in these scopes from the circles' rows, each day linked to
 * the person's next one (window function `lead`, on both engines). Returns, per scope, the days
 * one of these people's last day left or reached: their `people_last` must be recomputed.
 */
async function refreshPersonDays(
  trx: Kysely<DB>,
  communityId: string,
  scopes: Set<string>,
  users: Set<string>,
): Promise<Map<string, Set<string>>> {
  const all = [...users];
  const lastDays = new Map([...scopes].map((scope) => [scope, new Set<string>()]));
  for (let i = 0; i < all.length; i += 400) {
    const chunk = all.slice(i, i + 400);
    for (const scope of scopes) {
      const last = async () =>
        new Map(
          // Each one's latest day (the one whose next is '9999-12-31'), by the primary key.
          (
            await trx
              .selectFrom('dashboardPersonDays')
              .select(['userId', (eb) => eb.fn.max('day').as('day')])
              .where('communityId', '=', communityId)
              .where('scope', '=', scope)
              .where('userId', 'in', chunk)
              .groupBy('userId')
              .execute()
          ).map((row) => [row.userId, row.day]),
        );
      const before = await last();
      await trx
        .deleteFrom('dashboardPersonDays')
        .where('communityId', '=', communityId)
        .where('scope', '=', scope)
        .where('userId', 'in', chunk)
        .execute();
      const inScope =
        scope === ''
          ? sql``
          : sql`and exists (select 1 from dashboard_circle_codes c
        where c.circle_id = p.circle_id and c.code = ${scope})`;
      await sql`insert into dashboard_person_days (community_id, scope, user_id, day, next_day)
        select ${communityId}, ${scope}, user_id, day,
          coalesce(lead(day) over (partition by user_id order by day), '9999-12-31')
        from (
          select distinct p.user_id, p.day from (
            select circle_id, user_id, day from dashboard_session_people
              where community_id = ${communityId} and user_id in (${sql.join(chunk)})
            union all
            select circle_id, user_id, day from dashboard_step_people
              where community_id = ${communityId} and user_id in (${sql.join(chunk)})
          ) p where 1 = 1 ${inScope}
        ) days`.execute(trx);
      // Only the people whose last day moved change a day's count (most recomputations move none).
      const after = await last();
      for (const user of chunk) {
        const [was, is] = [before.get(user), after.get(user)];
        if (was === is) continue;
        for (const day of [was, is]) if (day) lastDays.get(scope)?.add(day);
      }
    }
  }
  return lastDays;
}

type Scope = { circleId: string; communityId: string };

async function refreshSessions(trx: Kysely<DB>, scope: Scope, timeZone: string) {
  const sessions = await trx
    .selectFrom('sessions')
    .select(['id', 'startsAt'])
    .where('circleId', '=', scope.circleId)
    .where('cancelledAt', 'is', null)
    .execute();
  if (sessions.length === 0) return;
  const ids = sessions.map((s) => s.id);
  const [listed, checkedIn] = await Promise.all([
    trx
      .selectFrom('sessionParticipants')
      .select(['sessionId', 'userId', 'status'])
      .where('sessionId', 'in', ids)
      .execute(),
    trx.selectFrom('checkins').select(['sessionId', 'userId']).where('sessionId', 'in', ids).execute(),
  ]);
  const people = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]));
  const counts = new Map(ids.map((id) => [id, { present: 0, listed: 0 }]));
  for (const row of listed) {
    const count = counts.get(row.sessionId);
    if (!count) continue;
    count.listed += 1;
    if (row.status !== 'present') continue;
    count.present += 1;
    if (row.userId) people.get(row.sessionId)?.add(row.userId);
  }
  for (const row of checkedIn) people.get(row.sessionId)?.add(row.userId);
  // Attendance counts only where someone was marked present (otherwise it was not recorded).
  await insertAll(
    trx,
    'dashboardSessions',
    sessions.map((s) => {
      const count = counts.get(s.id) ?? { present: 0, listed: 0 };
      return {
        ...scope,
        sessionId: s.id,
        startsAt: toIso(s.startsAt),
        day: zonedParts(new Date(toIso(s.startsAt)), timeZone).date,
        ...(count.present > 0 ? count : { present: 0, listed: 0 }),
      };
    }),
  );
  await insertAll(
    trx,
    'dashboardSessionPeople',
    sessions.flatMap((s) =>
      [...(people.get(s.id) ?? [])].map((userId) => ({
        ...scope,
        sessionId: s.id,
        userId,
        startsAt: toIso(s.startsAt),
        day: zonedParts(new Date(toIso(s.startsAt)), timeZone).date,
      })),
    ),
  );
}

async function refreshSteps(trx: Kysely<DB>, scope: Scope, timeZone: string) {
  const steps = await trx
    .selectFrom('actions as a')
    .leftJoin('sessions as s', 's.id', 'a.sessionId')
    .select(['a.id', 'a.dueOn', 'a.status', 'a.updatedAt', 'a.createdAt', 's.startsAt'])
    .where('a.circleId', '=', scope.circleId)
    .execute();
  if (steps.length === 0) return;
  await insertAll(
    trx,
    'dashboardSteps',
    steps.flatMap((step) => {
      if (!step.dueOn) return [];
      const changedOn = zonedParts(new Date(toIso(step.updatedAt)), timeZone).date;
      const onTime = isDoneOnTime({ status: step.status, dueOn: step.dueOn, changedOn });
      return [{ ...scope, actionId: step.id, dueOn: step.dueOn, doneOnTime: onTime ? 1 : 0 }];
    }),
  );
  const owners = await trx
    .selectFrom('actionOwners')
    .select(['actionId', 'userId'])
    .where(
      'actionId',
      'in',
      steps.map((s) => s.id),
    )
    .where('userId', 'is not', null)
    .execute();
  // A step belongs to the period of the session it was recorded at, or to its own creation.
  const anchorOf = new Map(steps.map((s) => [s.id, toIso(s.startsAt ?? s.createdAt)]));
  const seen = new Set<string>();
  await insertAll(
    trx,
    'dashboardStepPeople',
    owners.flatMap(({ actionId, userId }) => {
      const key = `${actionId}/${userId}`;
      if (!userId || seen.has(key)) return [];
      seen.add(key);
      const anchoredAt = anchorOf.get(actionId) ?? '';
      const day = zonedParts(new Date(anchoredAt), timeZone).date;
      return [{ ...scope, actionId, userId, anchoredAt, day }];
    }),
  );
}

type DashboardTable =
  | 'dashboardCircleCodes'
  | 'dashboardSessions'
  | 'dashboardSessionPeople'
  | 'dashboardSteps'
  | 'dashboardStepPeople'
  | 'dashboardSurveys';

/** Inserts in chunks (SQLite takes at most 32,766 parameters a statement). */
async function insertAll<T extends DashboardTable>(trx: Kysely<DB>, table: T, rows: Insertable<DB[T]>[]) {
  for (let i = 0; i < rows.length; i += 500) {
    // A generic table name gives Kysely a union of row types it cannot check; typed above.
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + 500) as never)
      .execute();
  }
}

/** The circle's community, or the one its rows name when it was deleted. */
async function communityOf(trx: Kysely<DB>, circleId: string) {
  const circle = await trx
    .selectFrom('circles')
    .select('communityId')
    .where('id', '=', circleId)
    .executeTakeFirst();
  if (circle) return circle.communityId;
  const row = await trx
    .selectFrom('dashboardCircles')
    .select('communityId')
    .where('circleId', '=', circleId)
    .executeTakeFirst();
  return row?.communityId;
}

/**
 * Marked circles, of one community when given (a deleted circle is found by its kept rows). Led by
 * the marks (few, usually none), each checked by key: never a list of the community's circles.
 */
function staleCircles(db: Kysely<DB>, communityId: string | undefined, limit: number) {
  return db
    .selectFrom('dashboardStale as s')
    .select('s.circleId')
    .$if(communityId !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('circles as c')
              .select(one)
              .whereRef('c.id', '=', 's.circleId')
              .where('c.communityId', '=', communityId ?? ''),
          ),
          eb.exists(
            eb
              .selectFrom('dashboardCircles as dc')
              .select(one)
              .whereRef('dc.circleId', '=', 's.circleId')
              .where('dc.communityId', '=', communityId ?? ''),
          ),
        ]),
      ),
    )
    .limit(limit)
    .execute();
}

/** How many of a community's circles are marked and not yet recomputed. */
export async function pendingDashboardCircles(db: Kysely<DB>, communityId: string): Promise<number> {
  return (await staleCircles(db, communityId, 100_000)).length;
}

/**
 * Recomputes, in the background of `archipel serve`, the circles the writes marked, so that a
 * dashboard read finds few or none left to do (after an upgrade every circle is marked once).
 */
export function createDashboardDrainer(
  db: Kysely<DB>,
  options: { pollMs?: number; log?: (error: unknown) => void } = {},
) {
  return pollingLoop((stopping) => drainDashboardFigures(db, { stopped: stopping }), {
    pollMs: options.pollMs ?? 2000,
    log: options.log,
  });
}

/**
 * Recomputes every circle the triggers marked, each in its own transaction. The mark is taken
 * (deleted, which on PostgreSQL locks it): a concurrent drain waits for it and then finds it
 * gone; a write committed meanwhile marks the circle again, and the next drain recomputes it.
 * Returns how many circles were recomputed. `bulk` (the seeds, nothing else writing): the people's
 * active days and the days' sums are rebuilt once at the end in one statement each instead of per
 * circle.
 */
export async function drainDashboardFigures(
  db: Kysely<DB>,
  options: {
    bulk?: boolean;
    /** Only this community's circles (a dashboard read brings its own figures up to date). */
    communityId?: string;
    /** Stops after this many circles (a read must answer; the background drainer does the rest). */
    max?: number;
    /** Stops between two circles once this says so (the server is closing). */
    stopped?: () => boolean;
  } = {},
): Promise<number> {
  const batch = 500;
  const max = options.max ?? Number.POSITIVE_INFINITY;
  let done = 0;
  for (;;) {
    if (done >= max || options.stopped?.()) return done;
    const marks = await staleCircles(db, options.communityId, Math.min(batch, max - done));
    if (marks.length === 0) {
      if (options.bulk) {
        await rebuildPersonDays(db);
        await rebuildDays(db);
      }
      return done;
    }
    for (const { circleId } of marks) {
      if (options.stopped?.()) return done;
      await db.transaction().execute(async (trx) => {
        // The community first (before the mark, as a writer changing its time zone does): two
        // circles of one community rewrite the same people's days one after the other.
        const communityId = await communityOf(trx, circleId);
        if (communityId) await lockCommunity(trx, communityId);
        const taken = await trx
          .deleteFrom('dashboardStale')
          .where('circleId', '=', circleId)
          .executeTakeFirst();
        if (Number(taken.numDeletedRows) === 0) return;
        await refreshCircle(trx, circleId, communityId, !options.bulk);
        done += 1;
      });
    }
  }
}

/** Every person's active days in every scope, from the circles' rows at once (window `lead`). */
async function rebuildPersonDays(db: Kysely<DB>) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('dashboardPersonDays').execute();
    await sql`insert into dashboard_person_days (community_id, scope, user_id, day, next_day)
      select community_id, scope, user_id, day,
        coalesce(lead(day) over (partition by community_id, scope, user_id order by day), '9999-12-31')
      from (
        select p.community_id, '' as scope, p.user_id, p.day from (
          select circle_id, community_id, user_id, day from dashboard_session_people
          union all select circle_id, community_id, user_id, day from dashboard_step_people) p
        union
        select p.community_id, c.code as scope, p.user_id, p.day from (
          select circle_id, community_id, user_id, day from dashboard_session_people
          union all select circle_id, community_id, user_id, day from dashboard_step_people) p
        join dashboard_circle_codes c on c.circle_id = p.circle_id
      ) days`.execute(trx);
  });
}
