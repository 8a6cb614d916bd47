import type { Kysely } from 'kysely';
import { lockCommunity } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { type AuditActor, recordRoleChange } from '../audit/audit.public.ts';
import { findStanding, loadLockedCircle, nextPosition, promoteWaitlist } from '../circles/circles.public.ts';

/** Refuses placeholders: a role is for someone who can sign in and use it. */
async function requireAccount(db: Kysely<DB>, userId: string) {
  const user = await db
    .selectFrom('users')
    .select(['isPlaceholder'])
    .where('id', '=', userId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (!user) {
    throw new AppError('INVALID_INPUT', 'No such account', [
      { path: ['body', 'userId'], message: 'unknown' },
    ]);
  }
  if (user.isPlaceholder === true || user.isPlaceholder === 1) {
    throw new AppError('INVALID_INPUT', 'This person has no account yet: invite them to claim their place', [
      { path: ['body', 'userId'], message: 'placeholder' },
    ]);
  }
}

/**
 * Names someone animator of a community, under the community lock. Animators name one of their
 * members; an instance admin may name any account, member or not (made an active member at once).
 * Being an animator gives no sight of private circles (decision 004): those need a facilitator.
 */
export async function appointAnimator(
  db: Kysely<DB>,
  communityId: string,
  userId: string,
  options: { mayAddMember: boolean },
  actor: AuditActor,
): Promise<void> {
  await requireAccount(db, userId);
  await db.transaction().execute(async (trx) => {
    await lockCommunity(trx, communityId);
    const existing = await trx
      .selectFrom('communityMembers')
      .select('status')
      .where('communityId', '=', communityId)
      .where('userId', '=', userId)
      .executeTakeFirst();
    if (!existing && !options.mayAddMember) {
      throw new AppError('INVALID_INPUT', 'Only members of the community can be named animator', [
        { path: ['body', 'userId'], message: 'not a community member' },
      ]);
    }
    await trx
      .insertInto('communityMembers')
      .values({
        communityId,
        userId,
        role: 'animator',
        status: 'active',
        createdAt: new Date().toISOString(),
      })
      .onConflict((oc) =>
        oc.columns(['communityId', 'userId']).doUpdateSet({ role: 'animator', status: 'active' }),
      )
      .execute();
    await recordRoleChange(trx, actor, { kind: 'community', id: communityId }, { userId, role: 'animator' });
  });
}

/**
 * Names someone facilitator of a circle, in one transaction under the circle lock: a newcomer
 * enters as facilitator (a facilitator hosts and uses no place, so a full circle still takes
 * them), someone waitlisted or asking becomes facilitator, and a participant named facilitator
 * frees their place for the waitlist.
 */
export async function appointFacilitator(
  db: Kysely<DB>,
  circleId: string,
  userId: string,
  actor: AuditActor,
): Promise<string[]> {
  await requireAccount(db, userId);
  return db.transaction().execute(async (trx) => {
    const circle = await loadLockedCircle(trx, circleId);
    const existing = await findStanding(trx, circleId, userId);
    await recordRoleChange(trx, actor, { kind: 'circle', id: circleId }, { userId, role: 'facilitator' });
    if (!existing) {
      await trx
        .insertInto('circleMembers')
        .values({
          circleId,
          userId,
          role: 'facilitator',
          status: 'member',
          position: await nextPosition(trx, circleId),
          createdAt: new Date().toISOString(),
        })
        .execute();
      return [];
    }
    await trx
      .updateTable('circleMembers')
      .set({ role: 'facilitator', status: 'member' })
      .where('circleId', '=', circleId)
      .where('userId', '=', userId)
      .execute();
    const freedPlace = existing.status === 'member' && existing.role === 'member';
    return freedPlace && circle.status !== 'closed' ? promoteWaitlist(trx, circleId, circle.capacity) : [];
  });
}
