import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { CommunityDashboard, DashboardFigures, DashboardPeople } from '../../../contract/hub.ts';
import { type Keyset, type PageRequest, pageQuery, toPage } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import { clockBound } from './dashboard-days.ts';
import { emptyTally, type Tally, toFigures } from './dashboard-figures.ts';
import { scopePeople } from './dashboard-people.ts';
import { type DashboardCommunity, type Period, periodOf, periodParts } from './dashboard-period.ts';
import { drainDashboardFigures, pendingDashboardCircles } from './dashboard-refresh.ts';

/**
 * At most this many of the community's marked circles are recomputed by a read (about 25 ms each);
 * the background drainer does the others, and the answer says how many are still to come.
 */
const READ_DRAIN_MAX = 100;

type Count = number | string | null;
const n = (value: Count | undefined) => Number(value ?? 0);

const SURVEY_COLUMNS = sql`x.score_sum, x.score_count, x.anonymous, x.respondents, x.min_respondents,
  x.closed_at, x.closes_at`;

/**
 * Questionnaires' figures per key from `rows` (a key and SURVEY_COLUMNS), each withheld by the same
 * rule as its results page (domain withheldResults) at now.
 */
const surveySums = (now: string, rows: RawBuilder<unknown>) => sql<SurveyRow>`select key,
    sum(withheld) as withheld, sum(1 - withheld) as counted,
    sum(case when withheld = 0 then score_sum else 0 end) as sum,
    sum(case when withheld = 0 then score_count else 0 end) as count
  from (select key, score_sum, score_count,
    case when anonymous = 1 and (respondents < min_respondents or not (
      closed_at is not null or (closes_at is not null and closes_at <= ${now})))
    then 1 else 0 end as withheld from (${rows}) s) counted group by key`;

type SurveyRow = { key: string; withheld: Count; counted: Count; sum: Count; count: Count };

/**
 * A page of circles' figures from their own rows (migration 0051; the circle indexes, 50 circles),
 * summed in SQL: sessions and attendance, people (marked present, checked in, or owning a step of
 * the period; counted once per circle), steps due and done on time, questionnaires.
 */
async function circleFigures(db: Kysely<DB>, p: Period, circleIds: string[]): Promise<Map<string, Tally>> {
  const tallies = new Map<string, Tally>(circleIds.map((id) => [id, emptyTally()]));
  if (circleIds.length === 0) return tallies;
  const ids = sql.join(circleIds);
  const run = <Row>(query: RawBuilder<Row>) => query.execute(db).then((r) => r.rows);
  const [sessions, people, steps, surveys] = await Promise.all([
    run(sql<{ key: string; held: Count; present: Count; listed: Count }>`select circle_id as key,
      count(*) as held, sum(present) as present, sum(listed) as listed from dashboard_sessions
      where circle_id in (${ids}) and starts_at >= ${p.fromAt} and starts_at < ${p.heldBefore}
      group by circle_id`),
    run(sql<{ key: string; people: Count }>`select key, count(distinct user_id) as people from (
        select circle_id as key, user_id from dashboard_session_people
          where circle_id in (${ids}) and starts_at >= ${p.fromAt} and starts_at < ${p.heldBefore}
        union all
        select circle_id as key, user_id from dashboard_step_people
          where circle_id in (${ids}) and anchored_at >= ${p.fromAt} and anchored_at < ${p.toAt}
      ) active group by key`),
    run(sql<{ key: string; due: Count; done: Count }>`select circle_id as key, count(*) as due,
      sum(done_on_time) as done from dashboard_steps
      where circle_id in (${ids}) and due_on >= ${p.from} and due_on <= ${p.to} group by circle_id`),
    run(
      surveySums(
        p.now,
        sql`select x.circle_id as key, ${SURVEY_COLUMNS} from dashboard_surveys x
          where x.circle_id in (${ids}) and x.created_at >= ${p.fromAt} and x.created_at < ${p.toAt}`,
      ),
    ),
  ]);
  const tallyOf = (key: string) => tallies.get(key) ?? emptyTally();
  for (const row of sessions) {
    Object.assign(tallyOf(row.key), { held: n(row.held), present: n(row.present), listed: n(row.listed) });
  }
  for (const row of people) tallyOf(row.key).people = n(row.people);
  for (const row of steps) Object.assign(tallyOf(row.key), { due: n(row.due), doneOnTime: n(row.done) });
  for (const row of surveys) addSurveys(tallyOf(row.key), row);
  return tallies;
}

function addSurveys(tally: Tally, row: SurveyRow) {
  tally.surveysWithheld += n(row.withheld);
  tally.surveysCounted += n(row.counted);
  tally.scoreSum += n(row.sum);
  tally.scoreCount += n(row.count);
}

/** Rows of `from` (alias x) keyed '' for the community and by code for each of its territories. */
const byScope = (select: RawBuilder<unknown>, from: RawBuilder<unknown>, where: RawBuilder<unknown>) =>
  sql`select '' as key, ${select} from ${from} where ${where}
    union all
    select c.code as key, ${select} from ${from} join dashboard_circle_codes c on c.circle_id = x.circle_id
      where ${where}`;

/**
 * The community's ('') and its territories' figures but people: the sums of the period's whole
 * months before today's and of the days around them (migration 0061; about 60 days and 12 months a
 * scope for a year), sessions counted as held on the days before today; today's held sessions and
 * the questionnaires that open by the clock alone from their own rows.
 */
async function scopeFigures(db: Kysely<DB>, p: Period, codes: string[]): Promise<Map<string, Tally>> {
  const tallies = new Map<string, Tally>(['', ...codes].map((scope) => [scope, emptyTally()]));
  // Sessions count as held on the days before today (today's from their rows, below).
  const before = (column: string) =>
    sql`case when day < ${p.today} then ${sql.ref(column)} else 0 end as ${sql.ref(column)}`;
  const { months, days } = periodParts(p);
  const todayFrom = new Date(Math.max(Date.parse(p.fromAt), Date.parse(p.todayAt))).toISOString();
  const run = <Row>(query: RawBuilder<Row>) => query.execute(db).then((r) => r.rows);
  const [sums, today, clock] = await Promise.all([
    run(sql<Record<string, Count> & { key: string }>`select key, sum(held) as held, sum(present) as present,
      sum(listed) as listed, sum(due) as due, sum(done_on_time) as done, sum(surveys_counted) as counted,
      sum(surveys_withheld) as withheld, sum(score_sum) as sum, sum(score_count) as count
      from (${sql.join(
        [
          ...days.map(
            (range) => sql`select scope as key, ${before('held')}, ${before('present')}, ${before('listed')},
              due, done_on_time, surveys_counted, surveys_withheld, score_sum, score_count
              from dashboard_days where community_id = ${p.communityId}
                and day >= ${range.from} and day <= ${range.to}`,
          ),
          ...(months
            ? [
                sql`select scope as key, held, present, listed, due, done_on_time, surveys_counted,
                  surveys_withheld, score_sum, score_count
                  from dashboard_months where community_id = ${p.communityId}
                    and month >= ${months.from} and month <= ${months.to}`,
              ]
            : []),
        ],
        sql` union all `,
      )}) parts group by key`),
    todayFrom < p.heldBefore
      ? run(sql<{ key: string; held: Count; present: Count; listed: Count }>`select key, count(*) as held,
          sum(present) as present, sum(listed) as listed from (${byScope(
            sql`x.present, x.listed`,
            sql`dashboard_sessions x`,
            sql`x.community_id = ${p.communityId} and x.starts_at >= ${todayFrom} and x.starts_at < ${p.heldBefore}`,
          )}) today group by key`)
      : [],
    run(
      surveySums(
        p.now,
        byScope(
          SURVEY_COLUMNS,
          sql`dashboard_surveys x`,
          sql`x.community_id = ${p.communityId} and ${clockBound('x')}
            and x.created_at >= ${p.fromAt} and x.created_at < ${p.toAt}`,
        ),
      ),
    ),
  ]);
  const tallyOf = (key: string) => tallies.get(key) ?? emptyTally();
  for (const row of sums) {
    addSurveys(
      Object.assign(tallyOf(row.key), {
        held: n(row.held),
        present: n(row.present),
        listed: n(row.listed),
        due: n(row.due),
        doneOnTime: n(row.done),
      }),
      {
        key: row.key,
        withheld: row.withheld ?? 0,
        counted: row.counted ?? 0,
        sum: row.sum ?? 0,
        count: row.count ?? 0,
      },
    );
  }
  for (const row of today) {
    const tally = tallyOf(row.key);
    tally.held += n(row.held);
    tally.present += n(row.present);
    tally.listed += n(row.listed);
  }
  for (const row of clock) addSurveys(tallyOf(row.key), row);
  return tallies;
}

/**
 * The territory codes of the community's circles (each with the région of its départements): one
 * index seek per code (the next code after the last), not one entry per circle.
 */
async function communityCodes(db: Kysely<DB>, communityId: string) {
  const rows = await sql<{ code: string | null }>`with recursive codes (code) as (
      select min(code) from dashboard_circle_codes where community_id = ${communityId}
      union all
      select (select min(n.code) from dashboard_circle_codes n where n.community_id = ${communityId}
        and n.code > codes.code) from codes where codes.code is not null
    ) select code from codes where code is not null`.execute(db);
  return rows.rows.flatMap((row) => (row.code === null ? [] : [row.code])).sort((a, b) => a.localeCompare(b));
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

/** Brings the community's marked circles up to date (at most READ_DRAIN_MAX); how many are left. */
async function drained(db: Kysely<DB>, communityId: string) {
  const done = await drainDashboardFigures(db, { communityId, max: READ_DRAIN_MAX });
  return done < READ_DRAIN_MAX ? 0 : pendingDashboardCircles(db, communityId);
}

/**
 * The animators' dashboard over a period (see contract/hub.ts for each figure): the community's
 * total and its territories, and one page of circles (`limit` lines after `cursor`; every circle
 * when `limit` is undefined, for the CSV). `people: 'apart'` leaves the total's and territories'
 * people null (dashboardPeople counts them). Circles recomputed since the last read are first
 * brought up to date (drainDashboardFigures).
 */
export async function communityDashboard(
  db: Kysely<DB>,
  community: DashboardCommunity,
  asked: { from?: string | undefined; to?: string | undefined },
  page: { cursor?: string | undefined; limit?: number | undefined; people?: 'with' | 'apart' | undefined },
  now = new Date(),
): Promise<CommunityDashboard> {
  const pendingCircles = await drained(db, community.id);
  const p = periodOf(community, asked, now);
  const request = { scope: community.id, cursor: page.cursor, limit: page.limit ?? Number.MAX_SAFE_INTEGER };
  const codes = await communityCodes(db, community.id);
  const [lines, scopes, people] = await Promise.all([
    circlePage(db, community.id, request),
    scopeFigures(db, p, codes),
    page.people === 'apart' ? undefined : scopePeople(db, p, codes),
  ]);
  const circles = await circleFigures(
    db,
    p,
    lines.items.map((c) => c.circleId),
  );
  const scoped = (key: string) => ({
    ...figuresOf(scopes, key),
    peopleActive: people ? (people.get(key) ?? 0) : null,
  });
  return {
    community: { id: community.id, slug: community.slug, name: community.name },
    from: p.from,
    to: p.to,
    timeZone: p.timeZone,
    pendingCircles,
    total: scoped(''),
    circles: lines.items.map((c) => ({
      circle: { id: c.circleId, name: c.name },
      ...figuresOf(circles, c.circleId),
    })),
    nextCursor: lines.nextCursor,
    territories: codes.map((code) => ({ code, ...scoped(code) })),
  };
}

/** The people active of the community and of each territory over the period (decision 057). */
export async function dashboardPeople(
  db: Kysely<DB>,
  community: DashboardCommunity,
  asked: { from?: string | undefined; to?: string | undefined },
  now = new Date(),
): Promise<DashboardPeople> {
  const pendingCircles = await drained(db, community.id);
  const p = periodOf(community, asked, now);
  const codes = await communityCodes(db, community.id);
  const people = await scopePeople(db, p, codes);
  return {
    from: p.from,
    to: p.to,
    pendingCircles,
    total: { peopleActive: people.get('') ?? 0 },
    territories: codes.map((code) => ({ code, peopleActive: people.get(code) ?? 0 })),
  };
}
