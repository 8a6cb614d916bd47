import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Community, CommunityMember } from '../../../contract/community.ts';
import type { CommunityMemberStatus, CommunityRole } from '../../../domain/community.ts';
import { abilitiesOn } from '../../../domain/policy.ts';
import { one, toIso } from '../../db/columns.ts';
import type { CommunityRow, DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { standingInCommunity } from '../../policy/standing.ts';
import { toPublicUserDto } from '../users/users.queries.ts';

type CommunityWithStats = CommunityRow & {
  memberCount: number | null;
  circleCount: number | null;
  myRole: CommunityRole | null;
  myStatus: CommunityMemberStatus | null;
};

/** Counts and the viewer's own standing, computed in the same query as the community. */
function withStats(db: Kysely<DB>, viewer: Viewer | undefined) {
  const me = viewer?.id ?? '';
  return db
    .selectFrom('communities as c')
    .selectAll('c')
    .select((eb: ExpressionBuilder<DB & { c: DB['communities'] }, 'c'>) => [
      eb
        .selectFrom('communityMembers as m')
        .whereRef('m.communityId', '=', 'c.id')
        .where('m.status', '=', 'active')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('memberCount'),
      // The circles this viewer can see (the same rule as the circle list), so the count never
      // reveals community-only or private circles.
      eb
        .selectFrom('circles as ci')
        .whereRef('ci.communityId', '=', 'c.id')
        .where((e) =>
          e.or([
            e('ci.visibility', '=', 'public'),
            e.and([
              e('ci.visibility', '=', 'community'),
              viewer?.isAdmin
                ? e.lit(true)
                : e.exists(
                    e
                      .selectFrom('communityMembers as cm')
                      .whereRef('cm.communityId', '=', 'c.id')
                      .where('cm.userId', '=', me)
                      .where('cm.status', '=', 'active')
                      .select(one),
                  ),
            ]),
            e.exists(
              e
                .selectFrom('circleMembers as own')
                .whereRef('own.circleId', '=', 'ci.id')
                .where('own.userId', '=', me)
                .select(one),
            ),
          ]),
        )
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('circleCount'),
      eb
        .selectFrom('communityMembers as mine')
        .whereRef('mine.communityId', '=', 'c.id')
        .where('mine.userId', '=', me)
        .select('mine.role')
        .as('myRole'),
      eb
        .selectFrom('communityMembers as mine')
        .whereRef('mine.communityId', '=', 'c.id')
        .where('mine.userId', '=', me)
        .select('mine.status')
        .as('myStatus'),
    ]);
}

export function toCommunityDto(row: CommunityWithStats, viewer: Viewer | undefined): Community {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    charter: row.charter,
    joinPolicy: row.joinPolicy,
    memberCount: Number(row.memberCount ?? 0),
    circleCount: Number(row.circleCount ?? 0),
    myRole: row.myRole ?? null,
    myStatus: row.myStatus ?? null,
    abilities: abilitiesOn(standingInCommunity(row, viewer), { kind: 'community' }),
    createdAt: toIso(row.createdAt),
  };
}

export async function listCommunities(
  db: Kysely<DB>,
  viewer: Viewer | undefined,
  options: { mine: boolean },
): Promise<Community[]> {
  let query = withStats(db, viewer).orderBy('c.name');
  if (options.mine) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('communityMembers as m')
          .whereRef('m.communityId', '=', 'c.id')
          .where('m.userId', '=', viewer?.id ?? '')
          .select(one),
      ),
    );
  }
  const rows = await query.execute();
  return rows.map((row) => toCommunityDto(row, viewer));
}

export async function getCommunity(db: Kysely<DB>, slug: string, viewer: Viewer | undefined) {
  const row = await withStats(db, viewer).where('c.slug', '=', slug).executeTakeFirst();
  if (!row) throw notFound('Community');
  return row;
}

export async function findCommunityMembership(db: Kysely<DB>, communityId: string, userId: string) {
  return db
    .selectFrom('communityMembers')
    .selectAll()
    .where('communityId', '=', communityId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

/** Animators of the community, and instance admins, steer it. */
export async function requireAnimator(db: Kysely<DB>, communityId: string, viewer: Viewer): Promise<void> {
  if (viewer.isAdmin) return;
  const membership = await findCommunityMembership(db, communityId, viewer.id);
  if (membership?.role !== 'animator' || membership.status !== 'active') {
    throw new AppError('FORBIDDEN', 'Only the community animators can do this');
  }
}

export async function listCommunityMembers(
  db: Kysely<DB>,
  communityId: string,
  options: { includeRequests: boolean },
): Promise<CommunityMember[]> {
  let query = db
    .selectFrom('communityMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['u.id', 'u.name', 'u.organisation', 'u.territory', 'u.bio', 'm.role', 'm.status', 'm.createdAt'])
    .where('m.communityId', '=', communityId)
    .orderBy('m.status')
    .orderBy('u.name');
  if (!options.includeRequests) query = query.where('m.status', '=', 'active');
  const rows = await query.execute();
  return rows.map((row) => ({
    ...toPublicUserDto(row),
    role: row.role,
    status: row.status,
    joinedAt: toIso(row.createdAt),
  }));
}
