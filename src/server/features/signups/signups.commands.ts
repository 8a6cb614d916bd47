import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { SignupSheetCreateInput } from '../../../contract/signup.ts';
import { type SignupStatus, signupStandingForNewcomer } from '../../../domain/signup.ts';
import { lockSignupTopic } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { enqueueMail } from '../../mail/mail-jobs.ts';

export async function createSignupSheet(
  db: Kysely<DB>,
  circleId: string,
  creatorId: string,
  input: SignupSheetCreateInput,
): Promise<string> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('signupSheets')
      .values({ id, circleId, title: input.title, createdBy: creatorId, createdAt: new Date().toISOString() })
      .execute();
    await trx
      .insertInto('signupTopics')
      .values(
        input.topics.map((topic, index) => ({
          id: randomUUID(),
          sheetId: id,
          position: index + 1,
          title: topic.title,
          capacity: topic.capacity ?? null,
          workingGroupId: null,
        })),
      )
      .execute();
  });
  return id;
}

async function lockedTopic(trx: Kysely<DB>, topicId: string) {
  const topic = await lockSignupTopic(trx, topicId);
  if (!topic) throw notFound('Topic');
  return topic;
}

/** The sheet's circle and its community. */
function sheetCircle(trx: Kysely<DB>, sheetId: string) {
  return trx
    .selectFrom('signupSheets as sh')
    .innerJoin('circles as c', 'c.id', 'sh.circleId')
    .select(['sh.id', 'sh.title', 'sh.circleId', 'c.communityId'])
    .where('sh.id', '=', sheetId)
    .executeTakeFirstOrThrow();
}

/**
 * The entry (aliased `e`) belongs to someone still in the community and still in the sheet's
 * circle, or steering it as an animator: those who could sign up today. A sign-up left behind by
 * someone who has gone neither takes a freed place nor enrols them in a working group.
 */
function stillWithCircle(
  eb: ExpressionBuilder<DB & { e: DB['signupEntries'] }, 'e'>,
  circleId: string,
  communityId: string,
) {
  return eb.exists(
    eb
      .selectFrom('communityMembers as cm')
      .select('cm.userId')
      .whereRef('cm.userId', '=', 'e.userId')
      .where('cm.communityId', '=', communityId)
      .where('cm.status', '=', 'active')
      .where((inner) =>
        inner.or([
          inner('cm.role', '=', 'animator'),
          inner.exists(
            inner
              .selectFrom('circleMembers as m')
              .select('m.userId')
              .whereRef('m.userId', '=', 'e.userId')
              .where('m.circleId', '=', circleId)
              .where('m.status', '=', 'member'),
          ),
        ]),
      ),
  );
}

async function countConfirmed(trx: Kysely<DB>, topicId: string): Promise<number> {
  const row = await trx
    .selectFrom('signupEntries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('topicId', '=', topicId)
    .where('status', '=', 'confirmed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Signs someone up: confirmed while the topic has room, waitlisted after. Count and insert happen
 * under the topic lock, so the capacity holds under any number of simultaneous sign-ups, and the
 * arrival position (unique per topic) orders the waitlist. Signing up twice keeps the first entry.
 */
export async function signUp(
  db: Kysely<DB>,
  topicId: string,
  userId: string,
  note: string,
): Promise<{ status: SignupStatus; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const topic = await lockedTopic(trx, topicId);
    const existing = await trx
      .selectFrom('signupEntries')
      .select(['id', 'status'])
      .where('topicId', '=', topicId)
      .where('userId', '=', userId)
      .executeTakeFirst();
    if (existing) {
      await trx.updateTable('signupEntries').set({ note }).where('id', '=', existing.id).execute();
      return { status: existing.status, created: false };
    }
    const status = signupStandingForNewcomer(topic.capacity, await countConfirmed(trx, topicId));
    const last = await trx
      .selectFrom('signupEntries')
      .select((eb) => eb.fn.max('position').as('last'))
      .where('topicId', '=', topicId)
      .executeTakeFirst();
    await trx
      .insertInto('signupEntries')
      .values({
        id: randomUUID(),
        topicId,
        userId,
        note,
        status,
        position: Number(last?.last ?? 0) + 1,
        createdAt: new Date().toISOString(),
      })
      .execute();
    return { status, created: true };
  });
}

/**
 * Withdraws someone; a confirmed place freed goes to the first person waiting, in arrival order,
 * in the same transaction, which also queues the mail that tells them (keyed by their entry: one
 * mail per promotion). Returns who was promoted.
 */
export function withdraw(db: Kysely<DB>, topicId: string, userId: string): Promise<string[]> {
  return db.transaction().execute((trx) => withdrawIn(trx, topicId, userId));
}

/** The withdrawal inside the caller's transaction (see withdraw). */
export async function withdrawIn(
  trx: Kysely<DB>,
  topicId: string,
  userId: string,
  options: { ifPresent?: boolean } = {},
): Promise<string[]> {
  const topic = await lockedTopic(trx, topicId);
  const existing = await trx
    .selectFrom('signupEntries')
    .select(['id', 'status'])
    .where('topicId', '=', topicId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  if (!existing) {
    if (options.ifPresent) return [];
    throw notFound('Sign-up');
  }
  await trx.deleteFrom('signupEntries').where('id', '=', existing.id).execute();
  if (existing.status !== 'confirmed') return [];
  const free = topic.capacity === null ? 0 : topic.capacity - (await countConfirmed(trx, topicId));
  if (free <= 0) return [];
  const sheet = await sheetCircle(trx, topic.sheetId);
  const next = await trx
    .selectFrom('signupEntries as e')
    .select(['e.id', 'e.userId'])
    .where('e.topicId', '=', topicId)
    .where('e.status', '=', 'waitlisted')
    .where((eb) => stillWithCircle(eb, sheet.circleId, sheet.communityId))
    .orderBy('e.position')
    .limit(free)
    .execute();
  if (next.length === 0) return [];
  await trx
    .updateTable('signupEntries')
    .set({ status: 'confirmed' })
    .where(
      'id',
      'in',
      next.map((row) => row.id),
    )
    .execute();
  for (const entry of next) {
    await enqueueMail(
      trx,
      'signupPromotion',
      { userId: entry.userId, sheetTitle: sheet.title, topicTitle: topic.title, sheetId: sheet.id },
      { key: `signup-promotion:${entry.id}` },
    );
  }
  return next.map((row) => row.userId);
}

/**
 * Someone leaves a circle (or is removed, or leaves its community): their sign-ups to the circle's
 * sheets go too, inside the caller's transaction, and each place they held goes to the next person
 * waiting, as if they had withdrawn. Otherwise a removed member of a private circle, who can no
 * longer even see the sheet, would hold the place for good.
 */
export async function releaseSignupsIn(trx: Kysely<DB>, circleId: string, userId: string): Promise<void> {
  const topics = await trx
    .selectFrom('signupEntries as e')
    .innerJoin('signupTopics as t', 't.id', 'e.topicId')
    .innerJoin('signupSheets as sh', 'sh.id', 't.sheetId')
    .select('t.id')
    .where('sh.circleId', '=', circleId)
    .where('e.userId', '=', userId)
    .orderBy('t.id')
    .execute();
  // Read before the topic locks: a withdrawal of their own in between leaves nothing to release.
  for (const topic of topics) await withdrawIn(trx, topic.id, userId, { ifPresent: true });
}

/**
 * Turns a topic's confirmed sign-ups into a working group circle of the same community, in one
 * transaction under the topic lock: the organiser facilitates it, the people become its members,
 * and the topic remembers the circle (a second attempt is a 409, not a second circle).
 */
export async function createWorkingGroup(
  db: Kysely<DB>,
  topicId: string,
  organiserId: string,
  source: { communityId: string; visibility: 'public' | 'community' | 'private'; sheetTitle: string },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const topic = await lockedTopic(trx, topicId);
    if (topic.workingGroupId) throw new AppError('CONFLICT', 'This topic already has its working group');
    const { circleId } = await sheetCircle(trx, topic.sheetId);
    const people = await trx
      .selectFrom('signupEntries as e')
      .select('e.userId')
      .where('e.topicId', '=', topicId)
      .where('e.status', '=', 'confirmed')
      .where('e.userId', '!=', organiserId)
      .where((eb) => stillWithCircle(eb, circleId, source.communityId))
      .orderBy('e.position')
      .execute();
    const id = randomUUID();
    const now = new Date().toISOString();
    const name = (topic.title.length >= 2 ? topic.title : `${source.sheetTitle} – ${topic.title}`).slice(
      0,
      120,
    );
    await trx
      .insertInto('circles')
      .values({
        id,
        communityId: source.communityId,
        name,
        kind: 'working_group',
        method: null,
        description: '',
        intention: '',
        capacity: null,
        visibility: source.visibility,
        status: 'active',
        joinPolicy: 'open',
        createdBy: organiserId,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const members = [
      { userId: organiserId, role: 'facilitator' as const },
      ...people.map((person) => ({ userId: person.userId, role: 'member' as const })),
    ];
    await trx
      .insertInto('circleMembers')
      .values(
        members.map((member, index) => ({
          circleId: id,
          userId: member.userId,
          role: member.role,
          status: 'member' as const,
          position: index + 1,
          createdAt: now,
        })),
      )
      .execute();
    await trx.updateTable('signupTopics').set({ workingGroupId: id }).where('id', '=', topicId).execute();
    return id;
  });
}
