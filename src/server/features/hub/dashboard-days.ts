import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import './dashboard.tables.ts';

/**
 * A questionnaire whose "withheld" changes by the clock alone (anonymous, enough answers, a closing
 * hour, not closed by hand): never rolled up, its row is read at the request (dashboard.queries.ts).
 * Word for word the predicate of migration 0061's partial index, so SQLite uses it.
 */
export const clockBound = (x: string) =>
  sql.raw(
    `${x}.anonymous = 1 and ${x}.closed_at is null and ${x}.closes_at is not null and ${x}.respondents >= ${x}.min_respondents`,
  );

/** Withheld whatever the hour: anonymous, and too few answers or no way to close but by hand. */
const withheldForGood = sql.raw(
  's.anonymous = 1 and (s.respondents < s.min_respondents or (s.closed_at is null and s.closes_at is null))',
);

type Filter = { communityId: string; days: string[] } | undefined;

/** The kept rows (migration 0051) as what each adds to its day, of one community's days or all. */
function dayParts(filter: Filter) {
  const only = (day: string) =>
    filter
      ? sql`and community_id = ${filter.communityId} and ${sql.ref(day)} in (${sql.join(filter.days)})`
      : sql``;
  return sql`select community_id, circle_id, day, 1 as held, present, listed, 0 as due, 0 as done_on_time,
      0 as surveys_counted, 0 as surveys_withheld, 0.0 as score_sum, 0 as score_count, 0 as people_last
    from dashboard_sessions where 1 = 1 ${only('day')}
    union all
    select community_id, circle_id, due_on, 0, 0, 0, 1, done_on_time, 0, 0, 0.0, 0, 0
    from dashboard_steps where 1 = 1 ${only('due_on')}
    union all
    select community_id, circle_id, day, 0, 0, 0, 0, 0,
      case when ${withheldForGood} then 0 else 1 end, case when ${withheldForGood} then 1 else 0 end,
      case when ${withheldForGood} then 0.0 else score_sum end,
      case when ${withheldForGood} then 0 else score_count end, 0
    from dashboard_surveys s where not (${clockBound('s')}) ${only('day')}`;
}

/**
 * Each person's last active day in a scope, counted on that day (`people_last`): the people active
 * in a period are then the sum over its days, plus those active again after it (dashboard-people).
 * Read by `(community_id, next_day, day, scope)`, one range a day.
 */
function lastDays(filter: Filter, scopes: string[] | 'all') {
  const only = filter
    ? sql`and community_id = ${filter.communityId} and day in (${sql.join(filter.days)})`
    : sql``;
  const inScopes = scopes === 'all' ? sql`` : sql`and scope in (${sql.join(scopes)})`;
  return sql`select community_id, '' as circle_id, day, 0, 0, 0, 0, 0, 0, 0, 0.0, 0, 1, scope
    from dashboard_person_days where next_day = ${LAST} ${only} ${inScopes}`;
}

/** The `next_day` of a person's last active day in a scope (migration 0051). */
const LAST = '9999-12-31';

/** Inserts the sums of these days (all when no filter) for the community ('') and these codes. */
function rollUp(
  filter: Filter,
  scopes: { community: boolean; codes: string[] | 'all' },
): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (scopes.community) parts.push(sql`select r.*, '' as scope from (${dayParts(filter)}) r`);
  if (scopes.codes === 'all' || scopes.codes.length > 0) {
    const codes = scopes.codes === 'all' ? sql`` : sql`and c.code in (${sql.join(scopes.codes)})`;
    parts.push(sql`select r.*, c.code as scope from (${dayParts(filter)}) r
      join dashboard_circle_codes c on c.circle_id = r.circle_id ${codes}`);
  }
  const all = scopes.codes === 'all' && scopes.community;
  const named = [...(scopes.community ? [''] : []), ...(scopes.codes === 'all' ? [] : scopes.codes)];
  parts.push(lastDays(filter, all ? 'all' : named));
  return sql`insert into dashboard_days (community_id, scope, day, held, present, listed, due, done_on_time,
      surveys_counted, surveys_withheld, score_sum, score_count, people_last)
    select community_id, scope, day, sum(held), sum(present), sum(listed), sum(due), sum(done_on_time),
      sum(surveys_counted), sum(surveys_withheld), sum(score_sum), sum(score_count), sum(people_last)
    from (${sql.join(parts, sql` union all `)}) scoped group by community_id, scope, day`;
}

/**
 * Recomputes these days of the community and of these territories from the kept rows (covering
 * indexes by community and day): a recomputation, never a delta, so a day cannot drift.
 */
export async function recomputeDays(trx: Kysely<DB>, communityId: string, scopes: string[], days: string[]) {
  if (scopes.length === 0 || days.length === 0) return;
  const codes = scopes.filter((scope) => scope !== '');
  for (let i = 0; i < days.length; i += 300) {
    const chunk = days.slice(i, i + 300);
    await trx
      .deleteFrom('dashboardDays')
      .where('communityId', '=', communityId)
      .where('scope', 'in', scopes)
      .where('day', 'in', chunk)
      .execute();
    await rollUp({ communityId, days: chunk }, { community: scopes.includes(''), codes }).execute(trx);
  }
  // Then their months, from the days (at most 31 a scope each: a range of the primary key).
  const months = [...new Set(days.map((day) => day.slice(0, 7)))];
  for (let i = 0; i < months.length; i += 40) {
    const chunk = months.slice(i, i + 40);
    await trx
      .deleteFrom('dashboardMonths')
      .where('communityId', '=', communityId)
      .where('scope', 'in', scopes)
      .where('month', 'in', chunk)
      .execute();
    const ranges = sql.join(
      chunk.map((month) => sql`(day >= ${`${month}-01`} and day <= ${`${month}-31`})`),
      sql` or `,
    );
    await monthsFromDays(
      sql`where community_id = ${communityId} and scope in (${sql.join(scopes)}) and (${ranges})`,
    ).execute(trx);
  }
}

/** Whole months summed from their days (`where` picks the days). */
const monthsFromDays = (where: RawBuilder<unknown>) =>
  sql`insert into dashboard_months (community_id, scope, month, held, present, listed, due, done_on_time,
      surveys_counted, surveys_withheld, score_sum, score_count, people_last)
    select community_id, scope, substr(day, 1, 7), sum(held), sum(present), sum(listed), sum(due),
      sum(done_on_time), sum(surveys_counted), sum(surveys_withheld), sum(score_sum), sum(score_count),
      sum(people_last)
    from dashboard_days ${where} group by community_id, scope, substr(day, 1, 7)`;

/** A circle's part of each day, as its kept rows say: one string per day, compared before/after. */
export async function circleDays(trx: Kysely<DB>, circleId: string): Promise<Map<string, string>> {
  const [sessions, steps, surveys] = await Promise.all([
    trx
      .selectFrom('dashboardSessions')
      .select(['day', 'present', 'listed'])
      .where('circleId', '=', circleId)
      .execute(),
    trx
      .selectFrom('dashboardSteps')
      .select(['dueOn as day', 'doneOnTime'])
      .where('circleId', '=', circleId)
      .execute(),
    trx
      .selectFrom('dashboardSurveys')
      .select([
        'day',
        'anonymous',
        'respondents',
        'minRespondents',
        'closesAt',
        'closedAt',
        'scoreSum',
        'scoreCount',
      ])
      .where('circleId', '=', circleId)
      .execute(),
  ]);
  const parts = new Map<string, string[]>();
  for (const [kind, rows] of [
    ['s', sessions],
    ['t', steps],
    ['q', surveys],
  ] as const) {
    for (const { day, ...row } of rows) {
      const list = parts.get(day) ?? [];
      list.push(`${kind}${JSON.stringify(row)}`);
      parts.set(day, list);
    }
  }
  return new Map([...parts].map(([day, list]) => [day, list.sort().join('|')]));
}

/**
 * After a circle's rows and its people's days were recomputed: the days whose part changed, in the
 * community and the territories it stays in; every day it has (before or after) in the territories
 * it left or joined; and in each, the days that were or are one of its people's last there.
 */
export async function recomputeCircleDays(
  trx: Kysely<DB>,
  communityId: string,
  before: { codes: string[]; days: Map<string, string> },
  after: { codes: string[]; days: Map<string, string> },
  lastDays: Map<string, Set<string>>,
) {
  const moves = [
    ...before.codes.filter((code) => !after.codes.includes(code)),
    ...after.codes.filter((code) => !before.codes.includes(code)),
  ];
  const every = [...new Set([...before.days.keys(), ...after.days.keys()])];
  const changed = every.filter((day) => before.days.get(day) !== after.days.get(day));
  for (const scope of new Set(['', ...before.codes, ...after.codes])) {
    const days = new Set([...(moves.includes(scope) ? every : changed), ...(lastDays.get(scope) ?? [])]);
    await recomputeDays(trx, communityId, [scope], [...days]);
  }
}

/** Every community's and territory's days and months at once (the seeds, after a bulk drain). */
export async function rebuildDays(db: Kysely<DB>) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('dashboardDays').execute();
    await rollUp(undefined, { community: true, codes: 'all' }).execute(trx);
    await trx.deleteFrom('dashboardMonths').execute();
    await monthsFromDays(sql``).execute(trx);
  });
}
