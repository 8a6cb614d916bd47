import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Period, periodParts } from './dashboard-period.ts';

/**
 * People active (distinct accounts) of the community ('') and of these territories. A person is
 * active in [from, to] when their last active day up to `to` is at or after `from` (047's linked
 * days): either their last day of all, counted on its day in the days' and months' rows
 * (`people_last`, so a sum over the same rows as the other figures), or a day followed by one after
 * `to` (the few active again after the period: one index range). Less those whose only activity in
 * the period is a session not yet started (days count whole, a session counts once started).
 */
export async function scopePeople(db: Kysely<DB>, p: Period, codes: string[]): Promise<Map<string, number>> {
  const scopes = ['', ...codes];
  const { months, days } = periodParts(p);
  const parts = [
    ...days.map(
      (range) => sql`select scope, people_last from dashboard_days where community_id = ${p.communityId}
        and day >= ${range.from} and day <= ${range.to}`,
    ),
    ...(months
      ? [
          sql`select scope, people_last from dashboard_months where community_id = ${p.communityId}
            and month >= ${months.from} and month <= ${months.to}`,
        ]
      : []),
  ];
  const counted = await sql<{ key: string; people: number | string }>`select key, sum(people) as people from (
      select scope as key, sum(people_last) as people from (${sql.join(parts, sql` union all `)}) lasts
        group by scope
      union all
      select d.scope as key, count(*) as people from dashboard_person_days d
        where d.community_id = ${p.communityId} and d.next_day > ${p.to} and d.next_day < ${LAST_DAY}
          and d.day >= ${p.from} and d.day <= ${p.to}
        group by d.scope
    ) active group by key`.execute(db);
  const people = new Map(scopes.map((scope) => [scope, 0]));
  for (const row of counted.rows) if (people.has(row.key)) people.set(row.key, Number(row.people));
  if (p.toAt <= p.now) return people;
  const notYet = await sql<{
    key: string;
    people: number | string;
  }>`select key, count(distinct user_id) as people from (
      ${notYetStarted(p, 'total')}
      ${codes.length > 0 ? sql`union all ${notYetStarted(p, 'code')}` : sql``}
    ) later group by key`.execute(db);
  for (const row of notYet.rows) people.set(row.key, (people.get(row.key) ?? 0) - Number(row.people));
  return people;
}

/** The `next_day` of a person's last active day in a scope (migration 0051). */
const LAST_DAY = '9999-12-31';

/** People listed in a session of the period not started yet, and active nowhere else in it (scope). */
function notYetStarted(p: Period, by: 'total' | 'code') {
  const key = by === 'code' ? sql`c.code` : sql`''`;
  const join = by === 'code' ? sql`join dashboard_circle_codes c on c.circle_id = x.circle_id` : sql``;
  const sameScope = (alias: string) =>
    by === 'code'
      ? sql`and exists (select 1 from dashboard_circle_codes cy where cy.circle_id = ${sql.raw(alias)}.circle_id
          and cy.code = c.code)`
      : sql``;
  return sql`select ${key} as key, x.user_id from dashboard_session_people x ${join}
      where x.community_id = ${p.communityId} and x.starts_at >= ${p.now} and x.starts_at < ${p.toAt}
        and not exists (select 1 from dashboard_session_people y where y.community_id = x.community_id
          and y.user_id = x.user_id and y.starts_at >= ${p.fromAt} and y.starts_at < ${p.now} ${sameScope('y')})
        and not exists (select 1 from dashboard_step_people z where z.community_id = x.community_id
          and z.user_id = x.user_id and z.anchored_at >= ${p.fromAt} and z.anchored_at < ${p.toAt}
          ${sameScope('z')})`;
}
