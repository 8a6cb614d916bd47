import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { loadLockedCircle, promoteWaitlist } from '../circles/circles.public.ts';
import type { PersonColumn } from '../feature-descriptor.ts';

/**
 * Columns that hold a person and are unique together with `keys`: when both the placeholder and
 * the account have a row for the same key, one of them must go (after the account's row took the
 * better standing, see upgradeStandings).
 */
const personalRows: { table: string; column: string; keys: string[] }[] = [
  { table: 'community_members', column: 'user_id', keys: ['community_id'] },
  { table: 'circle_members', column: 'user_id', keys: ['circle_id'] },
  { table: 'session_participants', column: 'user_id', keys: ['session_id'] },
  { table: 'checkins', column: 'user_id', keys: ['session_id', 'round'] },
  { table: 'action_owners', column: 'user_id', keys: ['action_id'] },
  { table: 'board_dots', column: 'user_id', keys: ['note_id'] },
  { table: 'poll_ballots', column: 'user_id', keys: ['poll_id'] },
  { table: 'poll_voters', column: 'user_id', keys: ['poll_id'] },
  { table: 'date_poll_responses', column: 'user_id', keys: ['poll_id'] },
  { table: 'signup_entries', column: 'user_id', keys: ['topic_id'] },
  // One feed per person: the account keeps its own (a placeholder never had one to subscribe to).
  { table: 'calendar_feeds', column: 'user_id', keys: [] },
];

/** Columns that only name who did something (author, creator, owner of an agenda item). */
const authorships: { table: string; column: string }[] = [
  { table: 'communities', column: 'created_by' },
  { table: 'circles', column: 'created_by' },
  { table: 'sessions', column: 'created_by' },
  { table: 'agenda_items', column: 'owner_id' },
  { table: 'actions', column: 'created_by' },
  { table: 'boards', column: 'created_by' },
  { table: 'board_notes', column: 'author_id' },
  { table: 'polls', column: 'created_by' },
  { table: 'date_polls', column: 'created_by' },
  { table: 'signup_sheets', column: 'created_by' },
  { table: 'placeholder_invitations', column: 'invited_by' },
];

/**
 * Every `table.column` referencing users.id, and what a merge does with it. A test compares this
 * with the schema's foreign keys, so a new table that names people cannot be forgotten here (the
 * placeholder's row is deleted at the end, and its foreign keys would cascade or set null).
 */
export const mergedUserColumns = new Set([
  ...personalRows.map((r) => `${r.table}.${r.column}`),
  ...authorships.map((r) => `${r.table}.${r.column}`),
  // Left to the deletion on purpose: a placeholder has no credentials or sessions, and the
  // invitations keep their record with the placeholder set null.
  'auth_sessions.user_id',
  'auth_accounts.user_id',
  // Replays of a person's own requests: a placeholder never sent one.
  'idempotency_keys.user_id',
  'placeholder_invitations.placeholder_id',
  'placeholder_invitations.accepted_by',
]);

/** The account takes the better of two standings where both it and the placeholder had one. */
async function upgradeStandings(trx: Kysely<DB>, from: string, to: string) {
  const theirs = (table: string, key: string, where: ReturnType<typeof sql>) =>
    sql`${sql.ref(key)} in (select ${sql.ref(key)} from ${sql.table(table)} where user_id = ${from} and ${where})`;
  const statements = [
    sql`update community_members set role = 'animator' where user_id = ${to}
      and ${theirs('community_members', 'community_id', sql`role = 'animator' and status = 'active'`)}`,
    sql`update community_members set status = 'active' where user_id = ${to} and status <> 'active'
      and ${theirs('community_members', 'community_id', sql`status = 'active'`)}`,
    sql`update circle_members set role = 'facilitator', status = 'member' where user_id = ${to}
      and ${theirs('circle_members', 'circle_id', sql`role = 'facilitator' and status = 'member'`)}`,
    // The placeholder's place in the circle passes to the account (the count of members is kept).
    sql`update circle_members set status = 'member' where user_id = ${to} and status <> 'member'
      and ${theirs('circle_members', 'circle_id', sql`status = 'member'`)}`,
    sql`update circle_members set status = 'waitlisted' where user_id = ${to} and status = 'requested'
      and ${theirs('circle_members', 'circle_id', sql`status = 'waitlisted'`)}`,
    sql`update session_participants set status = 'present' where user_id = ${to} and status <> 'present'
      and ${theirs('session_participants', 'session_id', sql`status = 'present'`)}`,
    sql`update session_participants set status = 'confirmed' where user_id = ${to} and status = 'invited'
      and ${theirs('session_participants', 'session_id', sql`status = 'confirmed'`)}`,
    sql`update signup_entries set status = 'confirmed' where user_id = ${to} and status <> 'confirmed'
      and ${theirs('signup_entries', 'topic_id', sql`status = 'confirmed'`)}`,
  ];
  for (const statement of statements) await statement.execute(trx);
}

/** Circles where both had a place: merging the two frees one, which goes to the waitlist. */
async function circlesHeldByBoth(trx: Kysely<DB>, from: string, to: string) {
  const rows = await trx
    .selectFrom('circleMembers as p')
    .innerJoin('circleMembers as a', 'a.circleId', 'p.circleId')
    .select('p.circleId')
    .where('p.userId', '=', from)
    .where('a.userId', '=', to)
    .execute();
  return rows.map((row) => row.circleId);
}

export interface MergeCounts {
  actionCount: number;
  sessionCount: number;
  circleCount: number;
}

/**
 * Makes everything that names the placeholder name the account instead, in the caller's
 * transaction, then deletes the placeholder. Where the account already had a row of its own for
 * the same thing (a participant of the same session, an owner of the same action), the two become
 * one: the account keeps the better standing, never a duplicate, and unique constraints hold.
 */
export async function mergePlaceholder(
  trx: Kysely<DB>,
  from: string,
  to: string,
  /** The features' own person columns (their descriptors' `personColumns`). */
  personColumns: readonly PersonColumn[] = [],
): Promise<MergeCounts> {
  const circles = await trx
    .selectFrom('circleMembers')
    .select('circleId')
    .where('userId', 'in', [from, to])
    .orderBy('circleId')
    .execute();
  // Capacity and waitlists are decided under the circle locks, taken in one order (no deadlock).
  for (const circleId of new Set(circles.map((row) => row.circleId))) await loadLockedCircle(trx, circleId);
  const counts = await countsOf(trx, from);
  const shared = await circlesHeldByBoth(trx, from, to);
  await upgradeStandings(trx, from, to);
  const featureRows = personColumns.flatMap(({ table, column, keys }) =>
    keys ? [{ table, column, keys }] : [],
  );
  for (const { table, column, keys } of [...personalRows, ...featureRows]) {
    const same = keys.map((key) => sql`mine.${sql.ref(key)} = ${sql.ref(`${table}.${key}`)}`);
    await sql`delete from ${sql.table(table)} where ${sql.ref(column)} = ${from} and exists (
        select 1 from ${sql.table(table)} as mine where mine.${sql.ref(column)} = ${to}
        ${same.length > 0 ? sql`and ${sql.join(same, sql` and `)}` : sql``})`.execute(trx);
    await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${to} where ${sql.ref(column)} = ${from}`.execute(
      trx,
    );
  }
  for (const { table, column } of [...authorships, ...personColumns.filter((c) => !c.keys)]) {
    await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${to} where ${sql.ref(column)} = ${from}`.execute(
      trx,
    );
  }
  // What the account's profile leaves empty, the placeholder's fills (never overwrites).
  const placeholder = await trx
    .selectFrom('users')
    .select(['organisation', 'territory', 'bio'])
    .where('id', '=', from)
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('users')
    .set((eb) => ({
      organisation: eb.fn.coalesce('organisation', eb.val(placeholder.organisation)),
      territory: eb.fn.coalesce('territory', eb.val(placeholder.territory)),
      bio: eb.fn.coalesce('bio', eb.val(placeholder.bio)),
      updatedAt: new Date().toISOString(),
    }))
    .where('id', '=', to)
    .execute();
  await trx
    .updateTable('placeholderInvitations')
    .set({ revokedAt: new Date().toISOString() })
    .where('placeholderId', '=', from)
    .where('acceptedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .execute();
  await trx.deleteFrom('users').where('id', '=', from).where('isPlaceholder', '=', true).execute();
  for (const circleId of shared) {
    const circle = await loadLockedCircle(trx, circleId);
    if (circle.status !== 'closed') await promoteWaitlist(trx, circleId, circle.capacity);
  }
  return counts;
}

async function countsOf(trx: Kysely<DB>, userId: string): Promise<MergeCounts> {
  const count = async (table: 'actionOwners' | 'sessionParticipants' | 'circleMembers') => {
    const row = await trx
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('userId', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return {
    actionCount: await count('actionOwners'),
    sessionCount: await count('sessionParticipants'),
    circleCount: await count('circleMembers'),
  };
}
