import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectName } from '../../../db/database.ts';

/**
 * The dashboard's sums per day (decision 057): `dashboard_days` holds, per community and per scope
 * (the community '', or a territory code) and calendar day in the community's zone, and
 * `dashboard_months` per calendar month, what the total and the territories add up: sessions and their attendance by start day, steps by due day,
 * questionnaires by creation day (those whose results may still open by the clock alone are left
 * to the per-object rows, read at the request). The drain recomputes the days a circle's rows
 * change (migration 0051's rows, which get their `day` here). Backfilled here from the kept rows.
 */
export function dashboardDayRollups(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const table of ['dashboard_sessions', 'dashboard_surveys']) {
        await db.schema
          .alterTable(table)
          .addColumn('day', 'text', (c) => c.notNull().defaultTo(''))
          .execute();
      }
      // Days, and whole months summed from them: a year reads about 60 days and 12 months a scope.
      for (const [name, key] of [
        ['dashboard_days', 'day'],
        ['dashboard_months', 'month'],
      ] as const) {
        let table = db.schema
          .createTable(name)
          .addColumn('community_id', 'text', (c) => c.notNull())
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn(key, 'text', (c) => c.notNull());
        for (const column of SUMS) table = table.addColumn(column, 'integer', (c) => c.notNull());
        table = table
          .addColumn('score_sum', 'double precision', (c) => c.notNull())
          .addColumn('score_count', 'integer', (c) => c.notNull())
          // Day (or month) before scope: a period's rows of every scope, the community's and each
          // territory's, are one range (a list of 110 codes made PostgreSQL plan for 6 ms).
          .addPrimaryKeyConstraint(`${name}_pk`, ['community_id', key, 'scope']);
        // SQLite: the rows ordered by their key, so a period is one contiguous range of the table.
        await (dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table).execute();
        if (dialect === 'postgres') {
          // An index-only scan for the period's sums (the primary key alone would visit the heap).
          await sql`create index ${sql.raw(`${name}_sums_idx`)} on ${sql.table(name)} (community_id,
            ${sql.ref(key)}, scope) include (${sql.raw([...SUMS, 'score_sum', 'score_count'].join(', '))})`.execute(
            db,
          );
        }
      }
      // The days the drain recomputes, read for one community: covering.
      await db.schema
        .createIndex('dashboard_sessions_day_idx')
        .on('dashboard_sessions')
        .columns(['community_id', 'day', 'circle_id', 'present', 'listed'])
        .execute();
      await db.schema
        .createIndex('dashboard_surveys_day_idx')
        .on('dashboard_surveys')
        .columns(['community_id', 'day', 'circle_id'])
        .execute();
      // The questionnaires whose results open at their closing hour without a write: read at the
      // request, never rolled up (the predicate is the rollup's, word for word, so SQLite uses it).
      await sql`create index dashboard_surveys_clock_idx on dashboard_surveys (community_id, created_at, circle_id)
        where ${sql.raw(CLOCK_BOUND)}`.execute(db);
      // People active again after a period's end, each scope's in one range (decision 057).
      await db.schema
        .createIndex('dashboard_person_days_after_idx')
        .on('dashboard_person_days')
        .columns(['community_id', 'next_day', 'day', 'scope'])
        .execute();
      await backfillDays(db);
      await sql.raw(ROLLUP_ALL).execute(db);
      await sql.raw(MONTHS_ALL).execute(db);
    },
  };
}

const SUMS = [
  'held',
  'present',
  'listed',
  'due',
  'done_on_time',
  'surveys_counted',
  'surveys_withheld',
  'people_last',
];

/** A questionnaire whose "withheld" changes by the clock alone (kept in sync with dashboard-days.ts). */
const CLOCK_BOUND =
  'anonymous = 1 and closed_at is null and closes_at is not null and respondents >= min_respondents';

/**
 * Each kept session's and questionnaire's calendar day in its community's zone, from its instant.
 * Written out here rather than imported (a migration stays as it was written).
 */
async function backfillDays(db: Kysely<unknown>) {
  const raw = db.withoutPlugins();
  const zones = new Map(
    (
      await sql<{ id: string; time_zone: string }>`select id, time_zone from communities`.execute(raw)
    ).rows.map((row) => [row.id, row.time_zone]),
  );
  const formats = new Map<string, Intl.DateTimeFormat>();
  const dayOf = (instant: string | Date, communityId: string) => {
    const timeZone = zones.get(communityId) ?? 'UTC';
    let format = formats.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
      formats.set(timeZone, format);
    }
    return format.format(new Date(instant));
  };
  for (const [table, key, at] of [
    ['dashboard_sessions', 'session_id', 'starts_at'],
    ['dashboard_surveys', 'survey_id', 'created_at'],
  ] as const) {
    const rows = (
      await sql<{ id: string; community_id: string; at: string | Date }>`select ${sql.ref(key)} as id,
        community_id, ${sql.ref(at)} as at from ${sql.table(table)}`.execute(raw)
    ).rows;
    for (let i = 0; i < rows.length; i += 1000) {
      const values = sql.join(
        rows.slice(i, i + 1000).map((row) => sql`(${row.id}, ${dayOf(row.at, row.community_id)})`),
      );
      await sql`with v (id, day) as (values ${values})
        update ${sql.table(table)} set day = v.day from v where ${sql.ref(key)} = v.id`.execute(raw);
    }
  }
}

/** Every community's and territory's days from the kept rows (as dashboard-days.ts does in bulk). */
const ROLLUP_ALL = `insert into dashboard_days (community_id, scope, day, held, present, listed, due,
    done_on_time, surveys_counted, surveys_withheld, score_sum, score_count, people_last)
  select community_id, scope, day, sum(held), sum(present), sum(listed), sum(due), sum(done_on_time),
    sum(surveys_counted), sum(surveys_withheld), sum(score_sum), sum(score_count), sum(people_last)
  from (
    select r.*, '' as scope from (${rowsSql()}) r
    union all
    select r.*, c.code as scope from (${rowsSql()}) r join dashboard_circle_codes c on c.circle_id = r.circle_id
    union all
    select community_id, '', day, 0, 0, 0, 0, 0, 0, 0, 0.0, 0, 1, scope from dashboard_person_days
      where next_day = '9999-12-31'
  ) scoped group by community_id, scope, day`;

/** Every whole month from its days (as dashboard-days.ts does in bulk). */
const MONTHS_ALL = `insert into dashboard_months (community_id, scope, month, held, present, listed, due,
    done_on_time, surveys_counted, surveys_withheld, score_sum, score_count, people_last)
  select community_id, scope, substr(day, 1, 7), sum(held), sum(present), sum(listed), sum(due), sum(done_on_time),
    sum(surveys_counted), sum(surveys_withheld), sum(score_sum), sum(score_count), sum(people_last)
  from dashboard_days group by community_id, scope, substr(day, 1, 7)`;

function rowsSql() {
  return `select community_id, circle_id, day, 1 as held, present, listed, 0 as due, 0 as done_on_time,
      0 as surveys_counted, 0 as surveys_withheld, 0.0 as score_sum, 0 as score_count, 0 as people_last
    from dashboard_sessions
    union all
    select community_id, circle_id, due_on, 0, 0, 0, 1, done_on_time, 0, 0, 0.0, 0, 0 from dashboard_steps
    union all
    select community_id, circle_id, day, 0, 0, 0, 0, 0,
      case when anonymous = 1 and (respondents < min_respondents or (closed_at is null and closes_at is null)) then 0 else 1 end,
      case when anonymous = 1 and (respondents < min_respondents or (closed_at is null and closes_at is null)) then 1 else 0 end,
      case when anonymous = 1 and (respondents < min_respondents or (closed_at is null and closes_at is null)) then 0.0 else score_sum end,
      case when anonymous = 1 and (respondents < min_respondents or (closed_at is null and closes_at is null)) then 0 else score_count end,
      0
    from dashboard_surveys where not (${CLOCK_BOUND})`;
}
