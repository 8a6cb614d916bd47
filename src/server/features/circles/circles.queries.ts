import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Circle, CircleDecision, CircleMember } from '../../../contract/circle.ts';
import type { CircleMemberStatus, CircleRole } from '../../../domain/circle.ts';
import type { CommunityMemberStatus, CommunityRole } from '../../../domain/community.ts';
import type { CircleDecisionOutcome } from '../../../domain/review.ts';
import { one, toIso } from '../../db/columns.ts';
import { type Keyset, type PageRequest, pageQuery, toPage } from '../../db/keyset.ts';
import { preparedQuery } from '../../db/prepared-query.ts';
import type { CircleRow, DB } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { abilitiesInCircle } from '../../policy/access.ts';
import { communityStandingSelects } from '../../policy/standing.ts';
import { circleContentVisibleTo, circleVisibleTo } from '../../policy/visibility.ts';
import { parseTerritoryCodes, territoryCodesColumn } from '../territories/territories.public.ts';
import { toPublicUserDto } from '../users/users.public.ts';

type CircleScope = DB & { ci: DB['circles']; co: DB['communities'] };

function circlesWithStats(db: Kysely<DB>, viewer: Viewer | undefined, filter: 'visible' | 'all' = 'visible') {
  const me = viewer?.id ?? '';
  const countOf = (
    eb: ExpressionBuilder<CircleScope, 'ci' | 'co'>,
    status: CircleMemberStatus,
    role: CircleRole | undefined,
  ) => {
    let query = eb
      .selectFrom('circleMembers as m')
      .whereRef('m.circleId', '=', 'ci.id')
      .where('m.status', '=', status);
    if (role) query = query.where('m.role', '=', role);
    return query.select((e) => e.fn.countAll<number>().as('n'));
  };
  return db
    .selectFrom('circles as ci')
    .innerJoin('communities as co', 'co.id', 'ci.communityId')
    .leftJoin('circleDecisions as cd', 'cd.circleId', 'ci.id')
    .leftJoin('users as decider', 'decider.id', 'cd.decidedBy')
    .selectAll('ci')
    .select(['co.slug as communitySlug', 'co.name as communityName'])
    .select([
      'cd.outcome as decisionOutcome',
      'cd.note as decisionNote',
      'cd.decidedAt as decidedAt',
      'decider.id as deciderId',
      'decider.name as deciderName',
    ])
    .select((eb) => [
      countOf(eb, 'member', 'member').as('memberCount'),
      countOf(eb, 'member', 'facilitator').as('facilitatorCount'),
      countOf(eb, 'waitlisted', undefined).as('waitlistCount'),
      eb
        .selectFrom('circleMembers as mine')
        .whereRef('mine.circleId', '=', 'ci.id')
        .where('mine.userId', '=', me)
        .select('mine.status')
        .as('myStatus'),
      eb
        .selectFrom('circleMembers as mine')
        .whereRef('mine.circleId', '=', 'ci.id')
        .where('mine.userId', '=', me)
        .select('mine.role')
        .as('myRole'),
      ...communityStandingSelects(eb, viewer),
    ])
    .select(territoryCodesColumn(db, 'circle', 'ci.id').as('territoryCodes'))
    .where((eb) => (filter === 'all' ? eb.lit(true) : circleVisibleTo(eb, viewer)));
}

type CircleWithStats = CircleRow & {
  communitySlug: string;
  communityName: string;
  memberCount: number | null;
  facilitatorCount: number | null;
  waitlistCount: number | null;
  myStatus: CircleMemberStatus | null;
  myRole: CircleRole | null;
  myCommunityStatus: CommunityMemberStatus | null;
  myCommunityRole: CommunityRole | null;
  decisionOutcome: CircleDecisionOutcome | null;
  decisionNote: string | null;
  decidedAt: Date | string | null;
  deciderId: string | null;
  deciderName: string | null;
  territoryCodes: string | null;
};

/** The REX decision, for those who may read what is said in the circle (its sessions' readers). */
function decisionOf(row: CircleWithStats, viewer: Viewer | undefined): CircleDecision | null {
  if (!row.decisionOutcome || !row.decidedAt) return null;
  if (!abilitiesInCircle(row, viewer, { kind: 'session', isListed: false }).read) return null;
  return {
    outcome: row.decisionOutcome,
    note: row.decisionNote ?? '',
    decidedAt: toIso(row.decidedAt),
    decidedBy: row.deciderId ? { id: row.deciderId, name: row.deciderName ?? '' } : null,
  };
}

export function toCircleDto(row: CircleWithStats, viewer: Viewer | undefined): Circle {
  return {
    id: row.id,
    communityId: row.communityId,
    communitySlug: row.communitySlug,
    communityName: row.communityName,
    name: row.name,
    kind: row.kind,
    method: row.method,
    description: row.description,
    intention: row.intention,
    capacity: row.capacity,
    visibility: row.visibility,
    status: row.status,
    joinPolicy: row.joinPolicy,
    memberCount: Number(row.memberCount ?? 0),
    facilitatorCount: Number(row.facilitatorCount ?? 0),
    waitlistCount: Number(row.waitlistCount ?? 0),
    myStatus: row.myStatus ?? null,
    myRole: row.myRole ?? null,
    abilities: abilitiesInCircle(row, viewer),
    decision: decisionOf(row, viewer),
    territoryCodes: parseTerritoryCodes(row.territoryCodes),
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    plannedSessions: row.plannedSessions === null ? null : Number(row.plannedSessions),
    createdAt: toIso(row.createdAt),
  };
}

const communityCircleOrder: Keyset<CircleRow> = {
  list: 'community-circles',
  keys: [{ expr: 'ci.createdAt', kind: 'time' }],
  id: 'ci.id',
  of: (row) => ({ keys: [row.createdAt], id: row.id }),
};

export async function listCommunityCircles(
  db: Kysely<DB>,
  communityId: string,
  viewer: Viewer | undefined,
  page: PageRequest,
) {
  const query = circlesWithStats(db, viewer).where('ci.communityId', '=', communityId);
  const rows = await pageQuery(query, communityCircleOrder, page).execute();
  const { items, nextCursor } = toPage(rows, communityCircleOrder, page);
  return { items: items.map((row) => toCircleDto(row, viewer)), nextCursor };
}

const viewerCircleOrder: Keyset<CircleRow & { communityName: string }> = {
  list: 'my-circles',
  keys: [
    { expr: 'co.name', kind: 'text' },
    { expr: 'ci.name', kind: 'text' },
  ],
  id: 'ci.id',
  of: (row) => ({ keys: [row.communityName, row.name], id: row.id }),
};

export async function listViewerCircles(db: Kysely<DB>, viewer: Viewer, page: PageRequest) {
  const query = circlesWithStats(db, viewer).where((eb) =>
    eb.exists(
      eb
        .selectFrom('circleMembers as own')
        .whereRef('own.circleId', '=', 'ci.id')
        .where('own.userId', '=', viewer.id)
        .select(one),
    ),
  );
  const rows = await pageQuery(query, viewerCircleOrder, page).execute();
  const { items, nextCursor } = toPage(rows, viewerCircleOrder, page);
  return { items: items.map((row) => toCircleDto(row, viewer)), nextCursor };
}

/**
 * The circle as it stands after a steward's edit, even if the edit took it out of the steward's
 * sight (an animator making a community circle private): they made the change and get its result.
 */
export async function getEditedCircle(db: Kysely<DB>, circleId: string, viewer: Viewer) {
  const row = await circlesWithStats(db, viewer, 'all').where('ci.id', '=', circleId).executeTakeFirst();
  if (!row) throw notFound('Circle');
  return row;
}

/**
 * Nearly every route of a circle's content asks this first: prepared once per shape (a visitor, a
 * person, an admin differ in SQL), then run with the ids (db/prepared-query.ts).
 */
const visibleCircle = {
  visitor: preparedQuery((db: Kysely<DB>, circleId: string) =>
    circlesWithStats(db, undefined).where('ci.id', '=', circleId),
  ),
  person: preparedQuery((db: Kysely<DB>, circleId: string, me: string) =>
    circlesWithStats(db, { id: me, isAdmin: false }).where('ci.id', '=', circleId),
  ),
  admin: preparedQuery((db: Kysely<DB>, circleId: string, me: string) =>
    circlesWithStats(db, { id: me, isAdmin: true }).where('ci.id', '=', circleId),
  ),
  guest: preparedQuery((db: Kysely<DB>, circleId: string, me: string) =>
    circlesWithStats(db, { id: me, isAdmin: false }, 'all').where('ci.id', '=', circleId),
  ),
};

/** The circle if the viewer may see it; otherwise 404, exactly as if it did not exist. */
export async function getVisibleCircle(db: Kysely<DB>, circleId: string, viewer: Viewer | undefined) {
  // A guest sees the circle of their session only, whatever its visibility (decision 051); what
  // they may do there is the policy's answer for a guest (domain/policy.ts, guestAbilities).
  if (viewer?.guestScope) {
    if (viewer.guestScope.circleId !== circleId) throw notFound('Circle');
    const [row] = await visibleCircle.guest(db, circleId, viewer.id);
    if (!row) throw notFound('Circle');
    return row;
  }
  const [row] = !viewer
    ? await visibleCircle.visitor(db, circleId)
    : await visibleCircle[viewer.isAdmin ? 'admin' : 'person'](db, circleId, viewer.id);
  if (!row) throw notFound('Circle');
  return row;
}

/**
 * Whether the viewer may see what is said in a circle (its sessions, actions, polls, sheets), and,
 * given a session, that session: the circle's visibility rule (visibleTo), and for a private circle
 * also being a member, a steward (admin, active animator of its community; facilitators are
 * members) or listed on that session. Being waitlisted or having asked to join shows a private
 * circle, not its content. One SQL statement, shared by the HTTP routes and by every mail at the
 * moment it is sent, so a mail never names what its recipient could no longer open.
 */
export async function canSeeCircleContent(
  db: Kysely<DB>,
  viewer: Viewer | undefined,
  where: { circleId: string; sessionId?: string | null | undefined },
): Promise<boolean> {
  const row = await db
    .selectFrom('circles as ci')
    .select('ci.id')
    .where('ci.id', '=', where.circleId)
    .where((eb) => circleContentVisibleTo(eb, viewer, where.sessionId ?? null))
    .executeTakeFirst();
  return row !== undefined;
}

/** Arrival order: the waitlist is promoted in this order. */
const circleMemberOrder: Keyset<{ id: string; position: number }> = {
  list: 'circle-members',
  keys: [{ expr: 'm.position', kind: 'number' }],
  id: 'u.id',
  of: (row) => ({ keys: [row.position], id: row.id }),
};

function circleMembers(db: Kysely<DB>, circleId: string, statuses: readonly CircleMemberStatus[]) {
  return db
    .selectFrom('circleMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select([
      'u.id',
      'u.name',
      'u.organisation',
      'u.territory',
      'u.bio',
      'm.role',
      'm.status',
      'm.position',
      'm.createdAt',
    ])
    .select((eb) =>
      // The rank on the waitlist is counted in SQL, so a page deep in the list still knows it.
      eb
        .selectFrom('circleMembers as ahead')
        .whereRef('ahead.circleId', '=', 'm.circleId')
        .where('ahead.status', '=', 'waitlisted')
        .whereRef('ahead.position', '<=', 'm.position')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('waitlistRank'),
    )
    .where('m.circleId', '=', circleId)
    .where('m.status', 'in', statuses);
}

type CircleMemberRow = Awaited<ReturnType<ReturnType<typeof circleMembers>['executeTakeFirstOrThrow']>>;

function toCircleMemberDto(row: CircleMemberRow): CircleMember {
  return {
    ...toPublicUserDto(row),
    role: row.role,
    status: row.status,
    waitlistPosition: row.status === 'waitlisted' ? Number(row.waitlistRank ?? 0) : null,
    joinedAt: toIso(row.createdAt),
  };
}

export async function listCircleMembers(
  db: Kysely<DB>,
  circleId: string,
  statuses: readonly CircleMemberStatus[],
  page: PageRequest,
): Promise<{ items: CircleMember[]; nextCursor: string | null }> {
  const rows = await pageQuery(circleMembers(db, circleId, statuses), circleMemberOrder, page).execute();
  const { items, nextCursor } = toPage(rows, circleMemberOrder, page);
  return { items: items.map(toCircleMemberDto), nextCursor };
}

/** One person with one of these standings in the circle. */
export async function getCircleMember(
  db: Kysely<DB>,
  circleId: string,
  userId: string,
  statuses: readonly CircleMemberStatus[],
): Promise<CircleMember> {
  const row = await circleMembers(db, circleId, statuses).where('u.id', '=', userId).executeTakeFirst();
  if (!row) throw notFound('Member');
  return toCircleMemberDto(row);
}
