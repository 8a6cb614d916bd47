import type { Kysely } from 'kysely';
import type { CommunityBranch } from '../../../contract/community.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { findCommunityMembership, getCommunity, requireAnimator } from './communities.queries.ts';

/** A parent holds at most this many branches in its list (one per département is ~100). */
const MAX_BRANCHES = 200;

/**
 * The community a new branch will hang from: 404 when unknown, 403 unless the creator steers it
 * (an animator, or an instance admin), 409 when it is itself a branch (one level: decision 035).
 */
export async function branchParentFor(db: Kysely<DB>, parentSlug: string, viewer: Viewer): Promise<string> {
  const parent = await getCommunity(db, parentSlug, viewer);
  await requireAnimator(db, parent.id, viewer);
  if (parent.parentId !== null) {
    throw new AppError('CONFLICT', 'A branch cannot have branches of its own', [
      { path: ['body', 'parentSlug'], message: 'a branch' },
    ]);
  }
  return parent.id;
}

/**
 * The branches of a community, by name, with what the viewer needs to join one in a click.
 * Communities are public (decision 027), so every branch is listed; the one statement is where a
 * visibility rule and territory codes would be added.
 */
export async function listBranches(
  db: Kysely<DB>,
  parentId: string,
  viewer: Viewer | undefined,
): Promise<CommunityBranch[]> {
  const me = viewer?.id ?? '';
  const rows = await db
    .selectFrom('communities as b')
    .select(['b.id', 'b.slug', 'b.name', 'b.description', 'b.joinPolicy'])
    .select((eb) => [
      eb
        .selectFrom('communityMembers as m')
        .whereRef('m.communityId', '=', 'b.id')
        .where('m.status', '=', 'active')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('memberCount'),
      eb
        .selectFrom('communityMembers as mine')
        .whereRef('mine.communityId', '=', 'b.id')
        .where('mine.userId', '=', me)
        .select('mine.status')
        .as('myStatus'),
    ])
    .where('b.parentId', '=', parentId)
    .orderBy('b.name')
    .orderBy('b.id')
    .limit(MAX_BRANCHES)
    .execute();
  const inParent = viewer ? await findCommunityMembership(db, parentId, viewer.id) : undefined;
  const isParentMember = inParent?.status === 'active';
  return rows.map((row) => ({
    ...row,
    memberCount: Number(row.memberCount ?? 0),
    myStatus: row.myStatus ?? null,
    joinsInOneStep: isParentMember && row.myStatus !== 'active' && row.joinPolicy !== 'invitation',
  }));
}
