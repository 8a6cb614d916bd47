import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { CommunityDashboard, DashboardFigures } from '../../../contract/hub.ts';
import { addDays, reviewPeriod } from '../../../domain/review.ts';
import { zonedInstant, zonedParts } from '../../../domain/zoned-time.ts';
import { type Keyset, type PageRequest, pageQuery, toPage } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import { emptyTally, type Tally, toFigures } from './dashboard-figures.ts';
import { drainDashboardFigures, pendingDashboardCircles } from './dashboard-refresh.ts';

/**
 * At most this many of the community's marked circles are recomputed by a read (about 25 ms each);
 * the background drainer does the others, and the answer says how many are still to come.
 */
const READ_DRAIN_MAX = 100;

export interface DashboardCommunity {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
}

interface Period {
  communityId: string;
  /** Instants: the period's first moment, its end, and the end of what has been held (now at most). */
  fromAt: string;
  toAt: string;
  heldBefore: string;
  now: string;
  from: string;
  to: string;
  timeZone: string;
}

/** The asked days as instants in the community's zone; what is "held" stops at now. */
function periodOf(
  community: DashboardCommunity,
  asked: { from?: string | undefined; to?: string | undefined },
  now: Date,
): Period {
  const { timeZone } = community;
  const { from, to } = reviewPeriod(asked, zonedParts(now, timeZone).date);
  const fromAt = zonedInstant(from, '00:00', timeZone).toISOString();
  const toAt = zonedInstant(addDays(to, 1), '00:00', timeZone).toISOString();
  const heldBefore = new Date(Math.min(Date.parse(toAt), now.getTime())).toISOString();
  return { communityId: community.id, fromAt, toAt, heldBefore, now: now.toISOString(), from, to, timeZone };
}

/**
 * How the figures are grouped: per circle of a page, per territory, or the whole community. Each
 * names the key column of a row `x` of a dashboard table and what it joins to get it.
 */
type Grouping = { by: 'circle'; circleIds: string[] } | { by: 'code' } | { by: 'total' };

function grouped(g: Grouping) {
  if (g.by === 'circle') {
    return {
      key: sql`x.circle_id`,
      join: sql``,
      only: g.circleIds.length ? sql`and x.circle_id in (${sql.join(g.circleIds)})` : sql`and 1 = 0`,
      groupBy: sql`group by x.circle_id`,
    };
  }
  if (g.by === 'code') {
    // Summed per circle first, then per territory (rollUp): one code lookup per circle, not per row.
    return { key: sql`x.circle_id`, join: sql``, only: sql``, groupBy: sql`group by x.circle_id` };
  }
  // The whole community: one row (PostgreSQL refuses a constant in GROUP BY).
  return { key: sql`''`, join: sql``, only: sql``, groupBy: sql`` };
}

/**
 * People active (distinct accounts): for a page of circles, counted from their rows; for the
 * community and its territories, from each person's active days (one index entry per person:
 * `day <= to < next_day`), less those whose only activity in the period is a session not yet
 * started (days count whole, a session counts once started).
 */
async function peopleBy(db: Kysely<DB>, p: Period, g: Grouping): Promise<Map<string, number>> {
  if (g.by === 'circle') {
    if (g.circleIds.length === 0) return new Map();
    const ids = sql.join(g.circleIds);
    const rows = await sql<{
      key: string;
      people: number | string;
    }>`select key, count(distinct user_id) as people
      from (
        select circle_id as key, user_id from dashboard_session_people
          where circle_id in (${ids}) and starts_at >= ${p.fromAt} and starts_at < ${p.heldBefore}
        union all
        select circle_id as key, user_id from dashboard_step_people
          where circle_id in (${ids}) and anchored_at >= ${p.fromAt} and anchored_at < ${p.toAt}
      ) active group by key`.execute(db);
    return new Map(rows.rows.map((row) => [row.key, Number(row.people)]));
  }
  // Each scope by equality, so the index gives each its range of next days.
  const codes =
    g.by === 'total'
      ? ['']
      : (
          await db
            .selectFrom('dashboardCircleCodes')
            .select('code')
            .distinct()
            .where('communityId', '=', p.communityId)
            .execute()
        ).map((row) => row.code);
  if (codes.length === 0) return new Map();
  const scopes = sql`d.scope in (${sql.join(codes)})`;
  const counted = await sql<{
    key: string;
    people: number | string;
  }>`select d.scope as key, count(*) as people
    from dashboard_person_days d where d.community_id = ${p.communityId} and ${scopes}
      and d.next_day > ${p.to} and d.day >= ${p.from} and d.day <= ${p.to}
    group by d.scope`.execute(db);
  const people = new Map(counted.rows.map((row) => [row.key, Number(row.people)]));
  if (p.toAt <= p.now) return people;
  const key = g.by === 'code' ? sql`c.code` : sql`''`;
  const join = g.by === 'code' ? sql`join dashboard_circle_codes c on c.circle_id = x.circle_id` : sql``;
  const sameScope = (alias: string) =>
    g.by === 'code'
      ? sql`and exists (select 1 from dashboard_circle_codes cy where cy.circle_id = ${sql.raw(alias)}.circle_id
          and cy.code = c.code)`
      : sql``;
  const notYet = await sql<{
    key: string;
    people: number | string;
  }>`select key, count(distinct user_id) as people
    from (select ${key} as key, x.user_id from dashboard_session_people x ${join}
      where x.community_id = ${p.communityId} and x.starts_at >= ${p.now} and x.starts_at < ${p.toAt}
        and not exists (select 1 from dashboard_session_people y where y.community_id = x.community_id
          and y.user_id = x.user_id and y.starts_at >= ${p.fromAt} and y.starts_at < ${p.now} ${sameScope('y')})
        and not exists (select 1 from dashboard_step_people z where z.community_id = x.community_id
          and z.user_id = x.user_id and z.anchored_at >= ${p.fromAt} and z.anchored_at < ${p.toAt}
          ${sameScope('z')})
    ) later group by key`.execute(db);
  for (const row of notYet.rows) people.set(row.key, (people.get(row.key) ?? 0) - Number(row.people));
  return people;
}

interface Sums {
  key: string;
  held: number | string | null;
  present: number | string | null;
  listed: number | string | null;
}

/**
 * The period's figures from the rows the writers keep (migration 0051), summed in SQL: sessions
 * and attendance, people (marked present, checked in, or owning a step of the period; counted once
 * per group), steps due and done on time, questionnaires counted, withheld and their scores. A
 * questionnaire is withheld by the same rule as its results page (domain withheldResults) at now.
 */
/** Per territory: the per-circle sums of `query` added up over each code's circles. */
function rollUp<Row>(g: Grouping, query: RawBuilder<Row>, columns: string[]): RawBuilder<Row> {
  if (g.by !== 'code') return query;
  const sums = sql.join(columns.map((column) => sql`sum(a.${sql.raw(column)}) as ${sql.raw(column)}`));
  return sql<Row>`select c.code as key, ${sums} from (${query}) a
    join dashboard_circle_codes c on c.circle_id = a.key group by c.code`;
}

async function figuresBy(db: Kysely<DB>, p: Period, g: Grouping): Promise<Map<string, Tally>> {
  const { key, join, only, groupBy } = grouped(g);
  // A page's circles are the community's: led by their ids, the circle index is the one read.
  const community = g.by === 'circle' ? sql`1 = 1` : sql`x.community_id = ${p.communityId}`;
  const scope = (table: string, at: string, from: string, to: string, upper = '<') =>
    sql`from ${sql.table(table)} x ${join} where ${community}
      and x.${sql.raw(at)} >= ${from} and x.${sql.raw(at)} ${sql.raw(upper)} ${to} ${only}`;
  const run = <Row>(query: RawBuilder<Row>) => query.execute(db).then((r) => r.rows);
  const [sessions, people, steps, surveys] = await Promise.all([
    run(
      rollUp(
        g,
        sql<Sums>`select ${key} as key, count(*) as held, sum(x.present) as present, sum(x.listed) as listed
          ${scope('dashboard_sessions', 'starts_at', p.fromAt, p.heldBefore)} ${groupBy}`,
        ['held', 'present', 'listed'],
      ),
    ),
    peopleBy(db, p, g),
    run(
      rollUp(
        g,
        sql<{ key: string; due: number | string; done: number | string | null }>`select ${key} as key,
          count(*) as due, sum(x.done_on_time) as done
          ${scope('dashboard_steps', 'due_on', p.from, p.to, '<=')} ${groupBy}`,
        ['due', 'done'],
      ),
    ),
    run(
      rollUp(
        g,
        sql<{
          key: string;
          withheld: number | string | null;
          counted: number | string | null;
          sum: number | string | null;
          count: number | string | null;
        }>`select key, sum(withheld) as withheld, sum(1 - withheld) as counted,
          sum(case when withheld = 0 then score_sum else 0 end) as sum,
          sum(case when withheld = 0 then score_count else 0 end) as count
        from (select ${key} as key, x.score_sum, x.score_count,
          case when x.anonymous = 1 and (x.respondents < x.min_respondents or not (
            x.closed_at is not null or (x.closes_at is not null and x.closes_at <= ${p.now})))
          then 1 else 0 end as withheld
          ${scope('dashboard_surveys', 'created_at', p.fromAt, p.toAt)}) counted group by key`,
        ['withheld', 'counted', 'sum', 'count'],
      ),
    ),
  ]);
  const tallies = new Map<string, Tally>();
  const tallyOf = (k: string) => {
    const found = tallies.get(k) ?? emptyTally();
    tallies.set(k, found);
    return found;
  };
  const n = (value: number | string | null | undefined) => Number(value ?? 0);
  for (const row of sessions) {
    Object.assign(tallyOf(row.key), { held: n(row.held), present: n(row.present), listed: n(row.listed) });
  }
  for (const [k, count] of people) tallyOf(k).people = count;
  for (const row of steps) Object.assign(tallyOf(row.key), { due: n(row.due), doneOnTime: n(row.done) });
  for (const row of surveys) {
    Object.assign(tallyOf(row.key), {
      surveysWithheld: n(row.withheld),
      surveysCounted: n(row.counted),
      scoreSum: n(row.sum),
      scoreCount: n(row.count),
    });
  }
  return tallies;
}

type CircleLine = { circleId: string; nameKey: string; name: string };
const circleOrder: Keyset<CircleLine> = {
  list: 'dashboard-circles',
  keys: [{ expr: 'dc.nameKey', kind: 'text' }],
  id: 'dc.circleId',
  of: (row) => ({ keys: [row.nameKey], id: row.circleId }),
};

/** One page of the community's circles in name order (see nameKey), with a cursor to the next. */
function circlePage(db: Kysely<DB>, communityId: string, page: PageRequest) {
  return pageQuery(
    db
      .selectFrom('dashboardCircles as dc')
      .innerJoin('circles as ci', 'ci.id', 'dc.circleId')
      .select(['dc.circleId', 'dc.nameKey', 'ci.name'])
      .where('dc.communityId', '=', communityId),
    circleOrder,
    page,
  )
    .execute()
    .then((rows) => toPage(rows, circleOrder, page));
}

const figuresOf = (tallies: Map<string, Tally>, key: string): DashboardFigures =>
  toFigures(tallies.get(key) ?? emptyTally());

/**
 * The animators' dashboard over a period (see contract/hub.ts for each figure): the community's
 * total and its territories, and one page of circles (`limit` lines after `cursor`; every circle
 * when `limit` is undefined, for the CSV). Circles recomputed since the last read are first
 * brought up to date (drainDashboardFigures).
 */
export async function communityDashboard(
  db: Kysely<DB>,
  community: DashboardCommunity,
  asked: { from?: string | undefined; to?: string | undefined },
  page: { cursor?: string | undefined; limit?: number | undefined },
  now = new Date(),
): Promise<CommunityDashboard> {
  const drained = await drainDashboardFigures(db, { communityId: community.id, max: READ_DRAIN_MAX });
  const pendingCircles = drained < READ_DRAIN_MAX ? 0 : await pendingDashboardCircles(db, community.id);
  const p = periodOf(community, asked, now);
  const request = { scope: community.id, cursor: page.cursor, limit: page.limit ?? Number.MAX_SAFE_INTEGER };
  const [lines, total, territories] = await Promise.all([
    circlePage(db, community.id, request),
    figuresBy(db, p, { by: 'total' }),
    figuresBy(db, p, { by: 'code' }),
  ]);
  const circles = await figuresBy(db, p, { by: 'circle', circleIds: lines.items.map((c) => c.circleId) });
  return {
    community: { id: community.id, slug: community.slug, name: community.name },
    from: p.from,
    to: p.to,
    timeZone: p.timeZone,
    pendingCircles,
    total: figuresOf(total, ''),
    circles: lines.items.map((c) => ({
      circle: { id: c.circleId, name: c.name },
      ...figuresOf(circles, c.circleId),
    })),
    nextCursor: lines.nextCursor,
    territories: [...territories.keys()]
      .sort((a, b) => a.localeCompare(b))
      .map((code) => ({ code, ...figuresOf(territories, code) })),
  };
}
