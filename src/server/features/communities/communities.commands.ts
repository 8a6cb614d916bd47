import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CommunityCreateInput, CommunityPatch } from '../../../contract/community.ts';
import {
  type CommunityMemberStatus,
  type CommunityRole,
  communityStandingForNewcomer,
  type JoinPolicy,
} from '../../../domain/community.ts';
import { isUniqueViolation } from '../../db/constraint-errors.ts';
import { lockCommunity } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { type AuditActor, recordRoleChange } from '../audit/audit.public.ts';
import type { Leaving } from '../feature-descriptor.ts';
import { writeTerritoryCodes } from '../territories/territories.public.ts';

export const newInviteCode = () => randomBytes(18).toString('base64url');

/** Compares invite codes in constant time, so response timing says nothing about a guess. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Creates the community with its creator as first animator, in one transaction; with `parentId`, a
 * territorial branch of that community (the caller checked that the creator steers it).
 */
export async function createCommunity(
  db: Kysely<DB>,
  creatorId: string,
  input: Omit<CommunityCreateInput, 'parentSlug'>,
  parentId: string | null = null,
) {
  const id = randomUUID();
  const now = new Date().toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      if (parentId !== null) await requireBranchableParent(trx, parentId);
      await trx
        .insertInto('communities')
        .values({
          id,
          slug: input.slug,
          name: input.name,
          description: input.description ?? '',
          charter: input.charter ?? '',
          joinPolicy: input.joinPolicy,
          timeZone: input.timeZone,
          inviteCode: newInviteCode(),
          parentId,
          createdBy: creatorId,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      await trx
        .insertInto('communityMembers')
        .values({ communityId: id, userId: creatorId, role: 'animator', status: 'active', createdAt: now })
        .execute();
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('CONFLICT', 'This address (slug) is already taken', [
        { path: ['body', 'slug'], message: 'taken' },
      ]);
    }
    throw error;
  }
  return id;
}

/**
 * Join, or ask to join, depending on the policy; a valid invite code opens any policy (and turns a
 * pending request into membership), and so does being an active member of a branch's parent,
 * except for an invitation-only branch (decision 035). Joining twice is harmless: the primary key keeps one row, and
 * only the request that inserted it reports `created`.
 */
export async function joinCommunity(
  db: Kysely<DB>,
  community: { id: string; joinPolicy: JoinPolicy; inviteCode: string; parentId: string | null },
  userId: string,
  inviteCode: string | undefined,
): Promise<{ status: CommunityMemberStatus; created: boolean }> {
  const hasValidInvite = inviteCode !== undefined && sameSecret(inviteCode, community.inviteCode);
  const isParentMember =
    community.parentId !== null &&
    (await findMembership(db, community.parentId, userId))?.status === 'active';
  // Membership of the parent stands for a branch's approval, as an invite does (not past an
  // invitation-only branch): it also turns an earlier request into membership.
  const approved = hasValidInvite || (isParentMember && community.joinPolicy !== 'invitation');
  const existing = await findMembership(db, community.id, userId);
  if (existing?.status === 'requested' && approved) {
    await db
      .updateTable('communityMembers')
      .set({ status: 'active' })
      .where('communityId', '=', community.id)
      .where('userId', '=', userId)
      .execute();
    return { status: 'active', created: false };
  }
  if (existing) return { status: existing.status, created: false };
  const standing = communityStandingForNewcomer(community.joinPolicy, hasValidInvite, isParentMember);
  if (standing === 'refused') {
    throw new AppError('FORBIDDEN', 'This community is open by invitation only');
  }
  const inserted = await db
    .insertInto('communityMembers')
    .values({
      communityId: community.id,
      userId,
      role: 'member',
      status: standing,
      createdAt: new Date().toISOString(),
    })
    .onConflict((oc) => oc.columns(['communityId', 'userId']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return { status: standing, created: true };
  const winner = await findMembership(db, community.id, userId);
  return { status: winner?.status ?? standing, created: false };
}

/** Refuses to leave a community without an active animator; call under lockCommunity. */
async function requireAnotherAnimator(trx: Kysely<DB>, communityId: string): Promise<void> {
  const animators = await trx
    .selectFrom('communityMembers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('communityId', '=', communityId)
    .where('role', '=', 'animator')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  if (Number(animators.n) <= 1) {
    throw new AppError('CONFLICT', 'A community keeps at least one animator: name another one first');
  }
}

/**
 * Removes a member, and with them every standing they had in the community's circles: leaving a
 * community must take away sight of its private and community circles (the circles feature's
 * leaving hook, with the other features' hooks, runs in this transaction under the community
 * lock). A community always keeps one active animator, and each circle its facilitator. Returns
 * the circles the person stood in, whose live topics they may no longer follow.
 */
export async function removeCommunityMember(
  db: Kysely<DB>,
  communityId: string,
  userId: string,
  leaving: Leaving,
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await lockCommunity(trx, communityId);
    const membership = await findMembership(trx, communityId, userId);
    if (!membership) return [];
    if (membership.role === 'animator' && membership.status === 'active') {
      await requireAnotherAnimator(trx, communityId);
    }
    const circles = await trx
      .selectFrom('circleMembers as m')
      .innerJoin('circles as c', 'c.id', 'm.circleId')
      .select('c.id')
      .where('c.communityId', '=', communityId)
      .where('m.userId', '=', userId)
      .execute();
    await leaving.community(trx, { communityId, userId });
    await trx
      .deleteFrom('communityMembers')
      .where('communityId', '=', communityId)
      .where('userId', '=', userId)
      .execute();
    return circles.map((circle) => circle.id);
  });
}

/** Approves a request and/or changes a role, keeping at least one animator. */
export async function updateCommunityMember(
  db: Kysely<DB>,
  communityId: string,
  userId: string,
  patch: { role?: CommunityRole | undefined; status?: 'active' | undefined },
  actor: AuditActor,
) {
  await db.transaction().execute(async (trx) => {
    await lockCommunity(trx, communityId);
    const membership = await findMembership(trx, communityId, userId);
    if (!membership) throw notFound('Member');
    if (patch.role === 'member' && membership.role === 'animator' && membership.status === 'active') {
      await requireAnotherAnimator(trx, communityId);
    }
    const changes = {
      ...(patch.role && { role: patch.role }),
      ...(patch.status && { status: patch.status }),
    };
    if (Object.keys(changes).length === 0) return;
    await trx
      .updateTable('communityMembers')
      .set(changes)
      .where('communityId', '=', communityId)
      .where('userId', '=', userId)
      .execute();
    if (patch.role && patch.role !== membership.role) {
      await recordRoleChange(
        trx,
        actor,
        { kind: 'community', id: communityId },
        { userId, role: patch.role },
      );
    }
  });
}

/**
 * One level of branches only (decision 035): a branch cannot have branches. Read in the creating
 * transaction; a community's parent is set at its creation and never changes, so this holds.
 */
async function requireBranchableParent(trx: Kysely<DB>, parentId: string): Promise<void> {
  const parent = await trx
    .selectFrom('communities')
    .select('parentId')
    .where('id', '=', parentId)
    .executeTakeFirst();
  if (!parent) throw notFound('Community');
  if (parent.parentId !== null) {
    throw new AppError('CONFLICT', 'A branch cannot have branches of its own', [
      { path: ['body', 'parentSlug'], message: 'a branch' },
    ]);
  }
}

function findMembership(db: Kysely<DB>, communityId: string, userId: string) {
  return db
    .selectFrom('communityMembers')
    .select(['role', 'status'])
    .where('communityId', '=', communityId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

/** Edits a community: its fields and its territories (none: national) in one transaction. */
export async function updateCommunity(db: Kysely<DB>, communityId: string, patch: CommunityPatch) {
  const { territoryCodes, ...fields } = patch;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('communities')
      .set({ ...fields, updatedAt: new Date().toISOString() })
      .where('id', '=', communityId)
      .execute();
    if (territoryCodes) await writeTerritoryCodes(trx, 'community', communityId, territoryCodes);
  });
}
