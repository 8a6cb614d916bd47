import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/**
 * The animators' dashboard from figures kept per circle (issue 16, item 5; decision 047): one row
 * per held-or-planned session, step, questionnaire and active person, with the community beside it
 * and the value the dashboard adds already worked out (attendance, "done on time" in the
 * community's zone, a questionnaire's normalised score). Triggers mark the circle of every write
 * (routes, imports, erasure, cascades, the seeds) in `dashboard_stale`, in the write's own
 * transaction; the dashboard recomputes the marked circles before it reads. Every existing circle
 * is marked here: that is the backfill. No foreign key to circles: a deleted circle's rows are
 * read once more to recompute the people of its community and territories, then deleted.
 */
export function dashboardFigures(dialect: DialectName): Migration {
  const { timestamp } = columnTypes(dialect);
  const ts = sql.raw(timestamp);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('dashboard_stale')
        .addColumn('circle_id', 'text', (c) => c.primaryKey())
        .execute();
      const circleRef = (table: string) =>
        db.schema
          .createTable(table)
          .addColumn('circle_id', 'text', (c) => c.notNull())
          .addColumn('community_id', 'text', (c) => c.notNull());
      // The lines' order: a key that sorts as people read names (accents and case aside, numbers
      // by value), so that a keyset cursor can page them in SQL.
      await circleRef('dashboard_circles')
        .addColumn('name_key', 'text', (c) =>
          dialect === 'postgres' ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull(),
        )
        .addPrimaryKeyConstraint('dashboard_circles_pk', ['circle_id'])
        .execute();
      await circleRef('dashboard_circle_codes')
        .addColumn('code', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('dashboard_circle_codes_pk', ['circle_id', 'code'])
        .execute();
      await circleRef('dashboard_sessions')
        .addColumn('session_id', 'text', (c) => c.primaryKey())
        .addColumn('starts_at', ts, (c) => c.notNull())
        .addColumn('present', 'integer', (c) => c.notNull())
        .addColumn('listed', 'integer', (c) => c.notNull())
        .execute();
      await circleRef('dashboard_session_people')
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('starts_at', ts, (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('dashboard_session_people_pk', ['session_id', 'user_id'])
        .execute();
      await circleRef('dashboard_steps')
        .addColumn('action_id', 'text', (c) => c.primaryKey())
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('done_on_time', 'integer', (c) => c.notNull())
        .execute();
      await circleRef('dashboard_step_people')
        .addColumn('action_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('anchored_at', ts, (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('dashboard_step_people_pk', ['action_id', 'user_id'])
        .execute();
      await circleRef('dashboard_surveys')
        .addColumn('survey_id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('anonymous', 'integer', (c) => c.notNull())
        .addColumn('closes_at', ts)
        .addColumn('closed_at', ts)
        .addColumn('respondents', 'integer', (c) => c.notNull())
        .addColumn('min_respondents', 'integer', (c) => c.notNull())
        .addColumn('score_sum', 'double precision', (c) => c.notNull())
        .addColumn('score_count', 'integer', (c) => c.notNull())
        .execute();
      // Each person's active days per scope (the community '', or a territory code), with the
      // next one: "active in [from, to]" is one row with day <= to < next_day and day >= from,
      // so a count reads at most one index entry per person, not one per visit.
      await db.schema
        .createTable('dashboard_person_days')
        .addColumn('community_id', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('next_day', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('dashboard_person_days_pk', ['community_id', 'scope', 'user_id', 'day'])
        .execute();
      const index = (name: string, table: string, columns: string[]) =>
        db.schema.createIndex(name).on(table).columns(columns).execute();
      await index('dashboard_circles_order_idx', 'dashboard_circles', [
        'community_id',
        'name_key',
        'circle_id',
      ]);
      await index('dashboard_person_days_next_idx', 'dashboard_person_days', [
        'community_id',
        'scope',
        'next_day',
        'day',
      ]);
      for (const table of ['dashboard_session_people', 'dashboard_step_people']) {
        await index(`${table}_user_idx`, table, ['community_id', 'user_id', 'day']);
      }
      await index('dashboard_circle_codes_community_idx', 'dashboard_circle_codes', ['community_id', 'code']);
      for (const [table, at, extra] of [
        ['dashboard_sessions', 'starts_at', ['present', 'listed']],
        ['dashboard_session_people', 'starts_at', ['user_id']],
        ['dashboard_steps', 'due_on', ['done_on_time']],
        ['dashboard_step_people', 'anchored_at', ['user_id']],
        ['dashboard_surveys', 'created_at', []],
      ] as const) {
        // The period's rows of the whole community, and of one page of circles; covering.
        await index(`${table}_community_idx`, table, ['community_id', at, 'circle_id', ...extra]);
        await index(`${table}_circle_idx`, table, ['circle_id', at, ...extra]);
      }
      await (dialect === 'postgres' ? postgresMarks(db) : sqliteMarks(db));
      await sql`insert into dashboard_stale (circle_id) select id from circles`.execute(db);
    },
  };
}

/** Each watched table, and how its row (`r`) names the circle whose figures it changes. */
const WATCHED: { table: string; circle: (r: string) => string }[] = [
  { table: 'circles', circle: (r) => `${r}.id` },
  { table: 'sessions', circle: (r) => `${r}.circle_id` },
  {
    table: 'session_participants',
    circle: (r) => `(select circle_id from sessions where id = ${r}.session_id)`,
  },
  { table: 'checkins', circle: (r) => `(select circle_id from sessions where id = ${r}.session_id)` },
  { table: 'actions', circle: (r) => `${r}.circle_id` },
  { table: 'action_owners', circle: (r) => `(select circle_id from actions where id = ${r}.action_id)` },
  { table: 'surveys', circle: (r) => `${r}.circle_id` },
  { table: 'survey_responses', circle: (r) => `(select circle_id from surveys where id = ${r}.survey_id)` },
  {
    table: 'territory_links',
    circle: (r) => `(case when ${r}.subject_kind = 'circle' then ${r}.subject_id end)`,
  },
];

const mark = (circle: string) =>
  `insert into dashboard_stale (circle_id) select ${circle} where ${circle} is not null on conflict do nothing;`;

/** A community's new time zone moves every "done on time" of its circles. */
const markZone =
  'insert into dashboard_stale (circle_id) select id from circles where community_id = new.id on conflict do nothing;';

async function postgresMarks(db: Kysely<unknown>) {
  for (const { table, circle } of WATCHED) {
    await sql
      .raw(`create function dashboard_mark_${table}() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' then ${mark(circle('old'))} end if;
        if tg_op <> 'DELETE' then ${mark(circle('new'))} end if;
        return null;
      end $$`)
      .execute(db);
    await sql
      .raw(`create trigger dashboard_mark_${table} after insert or update or delete on ${table}
      for each row execute function dashboard_mark_${table}()`)
      .execute(db);
  }
  await sql
    .raw(`create function dashboard_mark_zone() returns trigger language plpgsql as $$
    begin
      if old.time_zone is distinct from new.time_zone then ${markZone} end if;
      return null;
    end $$`)
    .execute(db);
  await sql
    .raw(`create trigger dashboard_mark_zone after update on communities
    for each row execute function dashboard_mark_zone()`)
    .execute(db);
}

async function sqliteMarks(db: Kysely<unknown>) {
  for (const { table, circle } of WATCHED) {
    for (const operation of ['insert', 'update', 'delete'] as const) {
      const rows = operation === 'insert' ? ['new'] : operation === 'delete' ? ['old'] : ['old', 'new'];
      await sql
        .raw(`create trigger dashboard_mark_${table}_${operation} after ${operation} on ${table}
        begin ${rows.map((r) => mark(circle(r))).join(' ')} end`)
        .execute(db);
    }
  }
  await sql
    .raw(`create trigger dashboard_mark_zone after update of time_zone on communities
    when old.time_zone is not new.time_zone begin ${markZone} end`)
    .execute(db);
}
