import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { lockCommunity } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { loadLockedCircle, promoteWaitlist } from '../circles/circles.public.ts';
import { releaseUpcomingRegistrations } from '../events/events.public.ts';
import type { Leaving } from '../feature-descriptor.ts';

/**
 * The name an erased account keeps, so that minutes, boards and next steps still read as a
 * sentence. Stored, not translated: the row is what every query joins (decision 040).
 */
export const FORMER_MEMBER_NAME = 'Ancien·ne membre';

/** The address an erased account keeps: unique (users.email is), and never deliverable. */
export const erasedEmail = (userId: string) => `erased-${userId}@erased.invalid`;

export interface ErasureOutcome {
  /** Polls whose open results changed (a named ballot went): their followers refetch. */
  pollIds: string[];
}

/** Locks the account's row and returns it, unless it was already erased. */
async function lockLiveAccount(trx: Kysely<DB>, userId: string) {
  let query = trx
    .selectFrom('users')
    .select(['id', 'email', 'name', 'deletedAt', 'isPlaceholder'])
    .where('id', '=', userId);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && row.deletedAt === null && !row.isPlaceholder ? row : undefined;
}

/**
 * Ends every standing the way leaving does (the features' hooks release sign-ups, registrations,
 * places), communities first, in id order, as removeCommunityMember takes its locks. The "keep one
 * animator / facilitator" rule does not hold back an erasure: the person's steward roles are
 * dropped first, and an instance admin names a new animator (decision 040).
 */
async function endStandings(trx: Kysely<DB>, userId: string, leaving: Leaving) {
  await trx
    .updateTable('circleMembers')
    .set({ role: 'member' })
    .where('userId', '=', userId)
    .where('role', '=', 'facilitator')
    .execute();
  const communities = await trx
    .selectFrom('communityMembers')
    .select('communityId')
    .where('userId', '=', userId)
    .orderBy('communityId')
    .execute();
  for (const { communityId } of communities) {
    await lockCommunity(trx, communityId);
    await leaving.community(trx, { communityId, userId });
    await trx
      .deleteFrom('communityMembers')
      .where('communityId', '=', communityId)
      .where('userId', '=', userId)
      .execute();
  }
  const circles = await trx
    .selectFrom('circleMembers')
    .select(['circleId', 'status'])
    .where('userId', '=', userId)
    .orderBy('circleId')
    .execute();
  for (const { circleId, status } of circles) {
    const circle = await loadLockedCircle(trx, circleId);
    await trx
      .deleteFrom('circleMembers')
      .where('circleId', '=', circleId)
      .where('userId', '=', userId)
      .execute();
    await leaving.circle(trx, { circleId, userId });
    if (status === 'member' && circle.status !== 'closed')
      await promoteWaitlist(trx, circleId, circle.capacity);
  }
}

/**
 * What the person said in votes that are still running goes; what was counted stays counted. Named
 * ballots of open polls, dots on boards still voting, answers to open date polls and named answers
 * to open questionnaires are deleted. Anonymous ballots are not linked to anyone and stay.
 */
async function withdrawOpenVotes(trx: Kysely<DB>, userId: string, now: string): Promise<string[]> {
  const open = await trx
    .selectFrom('pollBallots as b')
    .innerJoin('polls as p', 'p.id', 'b.pollId')
    .select('p.id')
    .where('b.userId', '=', userId)
    .where('p.phase', '<>', 'closed')
    .where((eb) => eb.or([eb('p.closesAt', 'is', null), eb('p.closesAt', '>', now)]))
    .orderBy('p.id')
    .execute();
  const pollIds = open.map((row) => row.id);
  if (pollIds.length > 0) {
    let locking = trx.selectFrom('polls').select('id').where('id', 'in', pollIds).orderBy('id');
    if (trx.getExecutor().adapter instanceof PostgresAdapter) locking = locking.forUpdate();
    await locking.execute();
    await trx.deleteFrom('pollBallots').where('userId', '=', userId).where('pollId', 'in', pollIds).execute();
  }
  await trx
    .deleteFrom('boardDots')
    .where('userId', '=', userId)
    .where('boardId', 'in', (eb) => eb.selectFrom('boards').select('id').where('locked', '=', false))
    .execute();
  await trx
    .deleteFrom('datePollResponses')
    .where('userId', '=', userId)
    .where('pollId', 'in', (eb) => eb.selectFrom('datePolls').select('id').where('status', '=', 'open'))
    .execute();
  await trx
    .deleteFrom('surveyResponses')
    .where('userId', '=', userId)
    .where('surveyId', 'in', (eb) =>
      eb
        .selectFrom('surveys')
        .select('id')
        .where('closedAt', 'is', null)
        .where((w) => w.or([w('closesAt', 'is', null), w('closesAt', '>', now)])),
    )
    .execute();
  return pollIds;
}

/**
 * Personal data that serves nobody once the person is gone: credentials, sessions, pending links,
 * preferences, the profile's territories, their check-ins, future invitations, what is queued or
 * kept for mailing them, replays of their requests.
 */
async function erasePersonalRows(
  trx: Kysely<DB>,
  user: { id: string; email: string; name: string },
  now: string,
) {
  const { id, email } = user;
  await trx.deleteFrom('authSessions').where('userId', '=', id).execute();
  await trx.deleteFrom('authAccounts').where('userId', '=', id).execute();
  // Reset tokens hold the account id; sign-in links hold the address in their JSON value.
  await trx
    .deleteFrom('authVerifications')
    .where((eb) => eb.or([eb('value', '=', id), eb('value', 'like', `%${email}%`)]))
    .execute();
  await trx.deleteFrom('idempotencyKeys').where('userId', '=', id).execute();
  await trx.deleteFrom('calendarFeeds').where('userId', '=', id).execute();
  await trx
    .deleteFrom('territoryLinks')
    .where('subjectKind', '=', 'user')
    .where('subjectId', '=', id)
    .execute();
  await trx.deleteFrom('checkins').where('userId', '=', id).execute();
  await trx.deleteFrom('glossaryWriters').where('userId', '=', id).execute();
  await trx.deleteFrom('openSpacePresences').where('userId', '=', id).execute();
  await trx
    .deleteFrom('sessionParticipants')
    .where('userId', '=', id)
    .where('sessionId', 'in', (eb) => eb.selectFrom('sessions').select('id').where('startsAt', '>', now))
    .execute();
  // Queued work that names them (their reminders, digests, mails): a job that would mail an erased
  // account has nothing left to say.
  await trx
    .deleteFrom('jobs')
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('payload', 'like', `%"${id}"%`), eb('payload', 'like', `%${email}%`)]))
    .execute();
  await trx.deleteFrom('outboxMessages').where('toAddress', '=', email).execute();
  await redactKeptMails(trx, user.name);
  await trx
    .updateTable('mailDeliveries')
    .set({ toAddress: erasedEmail(id) })
    .where('toAddress', '=', email)
    .execute();
  // Claims and answers they left by address, before or without an account.
  await trx
    .updateTable('placeholderInvitations')
    .set({ email: erasedEmail(id), placeholderName: FORMER_MEMBER_NAME })
    .where((eb) => eb.or([eb('email', '=', email), eb('acceptedBy', '=', id)]))
    .execute();
  for (const table of ['datePollResponses', 'eventRegistrations'] as const) {
    await trx
      .updateTable(table)
      .set({ guestEmail: null, guestName: FORMER_MEMBER_NAME })
      .where('guestEmail', '=', email)
      .execute();
  }
}

const htmlEscaped = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/**
 * Copies of mails sent to others (the outbox, when there is no SMTP) may name the person: an
 * invitation says who sent it. Their name becomes « Ancien·ne membre » there too, as it is in
 * every screen. A name shorter than three characters is left alone: replacing it would mangle
 * other words.
 */
async function redactKeptMails(trx: Kysely<DB>, name: string) {
  if (name.trim().length < 3) return;
  const replaced = (column: 'subject' | 'textBody' | 'htmlBody', from: string) =>
    sql<string>`replace(${sql.ref(column)}, ${from}, ${FORMER_MEMBER_NAME})`;
  await trx
    .updateTable('outboxMessages')
    .set({ subject: replaced('subject', name), textBody: replaced('textBody', name) })
    .where((eb) => eb.or([eb('subject', 'like', `%${name}%`), eb('textBody', 'like', `%${name}%`)]))
    .execute();
  const escaped = htmlEscaped(name);
  await trx
    .updateTable('outboxMessages')
    .set({ htmlBody: replaced('htmlBody', escaped) })
    .where('htmlBody', 'like', `%${escaped}%`)
    .execute();
  await trx
    .updateTable('mailDeliveries')
    .set({ subject: replaced('subject', name) })
    .where('subject', 'like', `%${name}%`)
    .execute();
}

/**
 * Erases an account in the caller's transaction (decision 040). The `users` row stays as an
 * anonymised tombstone ("Ancien·ne membre", an undeliverable address, no credentials), so that every
 * contribution the community keeps (minutes, post-its, next steps, closed votes) still points at a
 * row, and nothing cascades. Returns undefined when there was no live account to erase.
 */
export async function eraseAccount(
  trx: Kysely<DB>,
  userId: string,
  leaving: Leaving,
  now = new Date(),
): Promise<ErasureOutcome | undefined> {
  const user = await lockLiveAccount(trx, userId);
  if (!user) return undefined;
  const at = now.toISOString();
  await endStandings(trx, userId, leaving);
  await releaseUpcomingRegistrations(trx, userId, at);
  const pollIds = await withdrawOpenVotes(trx, userId, at);
  await erasePersonalRows(trx, user, at);
  await trx
    .updateTable('users')
    .set({
      name: FORMER_MEMBER_NAME,
      email: erasedEmail(userId),
      emailVerified: false,
      image: null,
      organisation: null,
      territory: null,
      bio: null,
      locale: 'fr',
      isAdmin: false,
      mailPreference: 'none',
      newsletters: false,
      deletedAt: at,
      lastActiveAt: null,
      inactiveWarnedAt: null,
      updatedAt: at,
    })
    .where('id', '=', userId)
    .execute();
  // SQLite's trigram index of names and addresses (migration 0052) keeps a deleted entry's terms in
  // its segments until they are merged: merged now, so no fragment of the old name or address stays.
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter))
    await sql`insert into users_search (users_search) values ('optimize')`.execute(trx);
  return { pollIds };
}
