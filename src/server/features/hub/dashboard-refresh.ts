import type { Insertable, Kysely } from 'kysely';
import { isDoneOnTime } from '../../../domain/review.ts';
import { findTerritory } from '../../../domain/territories.ts';
import { zonedParts } from '../../../domain/zoned-time.ts';
import { toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import { circleSurveyScores } from '../surveys/surveys.public.ts';
import { territoryCodesOf } from '../territories/territories.public.ts';
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
 * questionnaires (all its history: a circle holds tens of sessions a year, not thousands).
 */
async function refreshCircle(trx: Kysely<DB>, circleId: string) {
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
  if (!circle) return; // deleted: its rows went with it
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
  await refreshSessions(trx, scope);
  await refreshSteps(trx, scope, circle.timeZone);
  await insertAll(
    trx,
    'dashboardSurveys',
    (await circleSurveyScores(trx, circleId)).map((s) => ({
      ...scope,
      ...s,
      anonymous: s.anonymous ? 1 : 0,
    })),
  );
}

type Scope = { circleId: string; communityId: string };

async function refreshSessions(trx: Kysely<DB>, scope: Scope) {
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
      return [{ ...scope, actionId, userId, anchoredAt: anchorOf.get(actionId) ?? '' }];
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

/**
 * Recomputes every circle the triggers marked, each in its own transaction. The mark is taken
 * first (deleted, which on PostgreSQL locks it): a concurrent drain waits for it and then finds it
 * gone; a write committed meanwhile marks the circle again, and the next drain recomputes it.
 * Returns how many circles were recomputed.
 */
export async function drainDashboardFigures(db: Kysely<DB>, batch = 500): Promise<number> {
  let done = 0;
  for (;;) {
    const marks = await db.selectFrom('dashboardStale').select('circleId').limit(batch).execute();
    if (marks.length === 0) return done;
    for (const { circleId } of marks) {
      await db.transaction().execute(async (trx) => {
        const taken = await trx
          .deleteFrom('dashboardStale')
          .where('circleId', '=', circleId)
          .executeTakeFirst();
        if (Number(taken.numDeletedRows) === 0) return;
        await refreshCircle(trx, circleId);
        done += 1;
      });
    }
  }
}
