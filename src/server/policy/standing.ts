import type { ExpressionBuilder, Kysely } from 'kysely';
import type { CircleMemberStatus, CircleRole } from '../../domain/circle.ts';
import type { CommunityMemberStatus, CommunityRole } from '../../domain/community.ts';
import {
  anonymous,
  type CircleStanding,
  type CommunityStanding,
  type Standing,
} from '../../domain/policy.ts';
import type { DB } from '../db/schema.ts';
import type { Viewer } from '../http/viewer.ts';

/** The viewer's rows in a circle and in its community, as the circle query selects them. */
export interface StandingColumns {
  myStatus: CircleMemberStatus | null;
  myRole: CircleRole | null;
  myCommunityStatus: CommunityMemberStatus | null;
  myCommunityRole: CommunityRole | null;
  /** Set when the circle's community is archived: read-only for everyone (decision 038). */
  communityArchivedAt?: Date | string | null;
}

export function communityStandingOf(
  status: CommunityMemberStatus | null | undefined,
  role: CommunityRole | null | undefined,
): CommunityStanding {
  if (status === 'requested') return 'requested';
  if (status !== 'active') return 'none';
  return role === 'animator' ? 'animator' : 'member';
}

export function circleStandingOf(
  status: CircleMemberStatus | null | undefined,
  role: CircleRole | null | undefined,
): CircleStanding {
  if (status === 'member') return role === 'facilitator' ? 'facilitator' : 'member';
  return status ?? 'none';
}

/** The viewer's standing in a circle, from the columns the circle query selected with it. */
export function standingInCircle(row: StandingColumns, viewer: Viewer | undefined): Standing {
  const archived = row.communityArchivedAt != null;
  if (!viewer) return { ...anonymous, archived };
  return {
    ...anonymous,
    archived,
    userId: viewer.id,
    instanceAdmin: viewer.isAdmin,
    community: communityStandingOf(row.myCommunityStatus, row.myCommunityRole),
    circle: circleStandingOf(row.myStatus, row.myRole),
    ...(viewer.guestScope && { guestOf: viewer.guestScope.sessionId }),
  };
}

type WithCircle = DB & { ci: DB['circles'] };

/**
 * The viewer's community row beside a circle (`ci`): the selects that make a circle row carry the
 * viewer's whole standing, so one statement answers both "which circle" and "who is asking".
 */
export function communityStandingSelects(
  eb: ExpressionBuilder<WithCircle, 'ci'>,
  viewer: Viewer | undefined,
) {
  const mine = () =>
    eb
      .selectFrom('communityMembers as myCm')
      .whereRef('myCm.communityId', '=', 'ci.communityId')
      .where('myCm.userId', '=', viewer?.id ?? '');
  return [
    mine().select('myCm.status').as('myCommunityStatus'),
    mine().select('myCm.role').as('myCommunityRole'),
    eb
      .selectFrom('communities as circleCommunity')
      .whereRef('circleCommunity.id', '=', 'ci.communityId')
      .select('circleCommunity.archivedAt')
      .as('communityArchivedAt'),
  ];
}

/**
 * The viewer's standing in a community (one statement); anonymous visitors stand nowhere. `branch`
 * says whether they are an active member of one of its territorial branches (decision 035).
 */
export async function resolveCommunityStanding(
  db: Kysely<DB>,
  communityId: string,
  viewer: Viewer | undefined,
): Promise<Standing> {
  const mine = (eb: ExpressionBuilder<DB, 'communities'>) =>
    eb
      .selectFrom('communityMembers as m')
      .where('m.communityId', '=', communityId)
      .where('m.userId', '=', viewer?.id ?? '');
  const row = await db
    .selectFrom('communities')
    .select((eb) => [
      'archivedAt',
      mine(eb).select('m.status').as('status'),
      mine(eb).select('m.role').as('role'),
      eb
        .selectFrom('communityMembers as bm')
        .innerJoin('communities as b', 'b.id', 'bm.communityId')
        .where('b.parentId', '=', communityId)
        .where('bm.userId', '=', viewer?.id ?? '')
        .where('bm.status', '=', 'active')
        .select('bm.communityId')
        .limit(1)
        .as('branchId'),
    ])
    .where('id', '=', communityId)
    .executeTakeFirst();
  const archived = row?.archivedAt != null;
  if (!viewer) return { ...anonymous, archived };
  return {
    ...anonymous,
    archived,
    userId: viewer.id,
    instanceAdmin: viewer.isAdmin,
    community: communityStandingOf(row?.status, row?.role),
    branch: row?.branchId ? 'member' : 'none',
    ...(viewer.guestScope && { guestOf: viewer.guestScope.sessionId }),
  };
}

/** The viewer's standing in a community, from the columns the community query selected with it. */
export function standingInCommunity(
  row: {
    myStatus: CommunityMemberStatus | null;
    myRole: CommunityRole | null;
    archivedAt?: Date | string | null;
  },
  viewer: Viewer | undefined,
): Standing {
  const archived = row.archivedAt != null;
  if (!viewer) return { ...anonymous, archived };
  return {
    ...anonymous,
    archived,
    userId: viewer.id,
    instanceAdmin: viewer.isAdmin,
    community: communityStandingOf(row.myStatus, row.myRole),
    ...(viewer.guestScope && { guestOf: viewer.guestScope.sessionId }),
  };
}
