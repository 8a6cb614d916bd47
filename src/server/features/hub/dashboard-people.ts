import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Period } from './dashboard-period.ts';

/**
 * People active (distinct accounts) of the community ('') and of these territories, from each
 * person's active days (one index entry per person: `day <= to < next_day`), less those whose only
 * activity in the period is a session not yet started (days count whole, a session counts once
 * started). Proportional to the people active: the web asks for it apart (decision 057).
 */
export async function scopePeople(db: Kysely<DB>, p: Period, codes: string[]): Promise<Map<string, number>> {
  const scopes = ['', ...codes];
  // Each scope by equality, so the index gives each its range of next days.
  const counted = await sql<{
    key: string;
    people: number | string;
  }>`select d.scope as key, count(*) as people
    from dashboard_person_days d where d.community_id = ${p.communityId} and d.scope in (${sql.join(scopes)})
      and d.next_day > ${p.to} and d.day >= ${p.from} and d.day <= ${p.to}
    group by d.scope`.execute(db);
  const people = new Map(scopes.map((scope) => [scope, 0]));
  for (const row of counted.rows) people.set(row.key, Number(row.people));
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
