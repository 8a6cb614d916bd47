import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Community, CommunityMember } from '../../../contract/community.ts';
import type { CommunityMemberStatus, CommunityRole } from '../../../domain/community.ts';
import { abilitiesOn } from '../../../domain/policy.ts';
import { one, toIso } from '../../db/columns.ts';
import { type Keyset, type PageRequest, pageQuery, toPage } from '../../db/keyset.ts';
import type { CommunityRow, DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { standingInCommunity } from '../../policy/standing.ts';
import { parseTerritoryCodes, territoryCodesColumn } from '../territories/territories.public.ts';
import { toPublicUserDto } from '../users/users.public.ts';

type CommunityWithStats = CommunityRow & {
  memberCount: number | null;
  circleCount: number | null;
  myRole: CommunityRole | null;
  myStatus: CommunityMemberStatus | null;
  territoryCodes: string | null;
  parentSlug: string | null;
  parentName: string | null;
  myParentStatus: CommunityMemberStatus | null;
};

/** Counts and the viewer's own standing, computed in the same query as the community. */
function withStats(db: Kysely<DB>, viewer: Viewer | undefined) {
  const me = viewer?.id ?? '';
  return db
    .selectFrom('communities as c')
    .leftJoin('communities as parent', 'parent.id', 'c.parentId')
    .selectAll('c')
    .select(['parent.slug as parentSlug', 'parent.name as parentName'])
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
      eb
        .selectFrom('communityMembers as inParent')
        .whereRef('inParent.communityId', '=', 'c.parentId')
        .where('inParent.userId', '=', me)
        .select('inParent.status')
        .as('myParentStatus'),
    ])
    .select(territoryCodesColumn(db, 'community', 'c.id').as('territoryCodes'));
}

export function toCommunityDto(row: CommunityWithStats, viewer: Viewer | undefined): Community {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    charter: row.charter,
    joinPolicy: row.joinPolicy,
    timeZone: row.timeZone,
    memberCount: Number(row.memberCount ?? 0),
    circleCount: Number(row.circleCount ?? 0),
    myRole: row.myRole ?? null,
    myStatus: row.myStatus ?? null,
    abilities: abilitiesOn(standingInCommunity(row, viewer), { kind: 'community' }),
    territoryCodes: parseTerritoryCodes(row.territoryCodes),
    createdAt: toIso(row.createdAt),
    // Communities are public (decision 027), so a branch's parent is always shown.
    ...(row.parentSlug !== null &&
      row.parentName !== null && {
        parent: { slug: row.parentSlug, name: row.parentName, myStatus: row.myParentStatus ?? null },
      }),
  };
}

const communityOrder: Keyset<CommunityRow> = {
  list: 'communities',
  keys: [{ expr: 'c.name', kind: 'text' }],
  id: 'c.id',
  of: (row) => ({ keys: [row.name], id: row.id }),
};

export async function listCommunities(
  db: Kysely<DB>,
  viewer: Viewer | undefined,
  options: { mine: boolean },
  page: PageRequest,
): Promise<{ items: Community[]; nextCursor: string | null }> {
  let query = withStats(db, viewer);
  // An archived community leaves the lists of all but its members (decision 038).
  query = query.where((eb) =>
    eb.or([
      eb('c.archivedAt', 'is', null),
      eb.exists(
        eb
          .selectFrom('communityMembers as am')
          .whereRef('am.communityId', '=', 'c.id')
          .where('am.userId', '=', viewer?.id ?? '')
          .where('am.status', '=', 'active')
          .select(one),
      ),
    ]),
  );
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
  const rows = await pageQuery(query, communityOrder, page).execute();
  const { items, nextCursor } = toPage(rows, communityOrder, page);
  return { items: items.map((row) => toCommunityDto(row, viewer)), nextCursor };
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
  await requireNotArchived(db, communityId);
  if (viewer.isAdmin) return;
  const membership = await findCommunityMembership(db, communityId, viewer.id);
  if (membership?.role !== 'animator' || membership.status !== 'active') {
    throw new AppError('FORBIDDEN', 'Only the community animators can do this');
  }
}

/**
 * An archived community is read-only (decision 038): what would change it (its settings, members,
 * invitations, new circles, joining) is refused until an instance admin brings it back.
 */
export async function requireNotArchived(db: Kysely<DB>, communityId: string): Promise<void> {
  const row = await db
    .selectFrom('communities')
    .select('archivedAt')
    .where('id', '=', communityId)
    .executeTakeFirst();
  if (row && row.archivedAt !== null) {
    throw new AppError('CONFLICT', 'This community is archived: it can be read, not changed');
  }
}

/** Active members before pending requests, then by name. */
const memberOrder: Keyset<{ id: string; name: string; status: string }> = {
  list: 'community-members',
  keys: [
    { expr: 'm.status', kind: 'text' },
    { expr: 'u.name', kind: 'text' },
  ],
  id: 'u.id',
  of: (row) => ({ keys: [row.status, row.name], id: row.id }),
};

function communityMembers(db: Kysely<DB>, communityId: string) {
  return db
    .selectFrom('communityMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['u.id', 'u.name', 'u.organisation', 'u.territory', 'u.bio', 'm.role', 'm.status', 'm.createdAt'])
    .where('m.communityId', '=', communityId);
}

type CommunityMemberRow = Awaited<ReturnType<ReturnType<typeof communityMembers>['executeTakeFirstOrThrow']>>;

function toCommunityMemberDto(row: CommunityMemberRow): CommunityMember {
  return { ...toPublicUserDto(row), role: row.role, status: row.status, joinedAt: toIso(row.createdAt) };
}

export async function listCommunityMembers(
  db: Kysely<DB>,
  communityId: string,
  options: { includeRequests: boolean },
  page: PageRequest,
): Promise<{ items: CommunityMember[]; nextCursor: string | null }> {
  let query = communityMembers(db, communityId);
  if (!options.includeRequests) query = query.where('m.status', '=', 'active');
  const rows = await pageQuery(query, memberOrder, page).execute();
  const { items, nextCursor } = toPage(rows, memberOrder, page);
  return { items: items.map(toCommunityMemberDto), nextCursor };
}

/** One member or pending request of the community. */
export async function getCommunityMember(db: Kysely<DB>, communityId: string, userId: string) {
  const row = await communityMembers(db, communityId).where('u.id', '=', userId).executeTakeFirst();
  if (!row) throw notFound('Member');
  return toCommunityMemberDto(row);
}
