import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import { one } from '../db/columns.ts';
import type { DB } from '../db/schema.ts';
import type { Viewer } from '../http/viewer.ts';

type WithCircle = DB & { ci: DB['circles'] };

/**
 * The circle policy's `read` (domain/policy.ts, readsCircle) written into the query: public circles
 * for all; community circles for the community's active members and instance admins; private ones
 * only for people with a standing in the circle. Queries put it in their WHERE, so a circle the
 * viewer may not see is simply not found (404). The policy-walk test holds the two in step.
 */
export function circleVisibleTo(eb: ExpressionBuilder<WithCircle, 'ci'>, viewer: Viewer | undefined) {
  // A guest knows the circle of their session (its name), and no other (decision 051).
  if (viewer?.guestScope) return eb('ci.id', '=', viewer.guestScope.circleId);
  const me = viewer?.id ?? '';
  const hasStanding = eb.exists(
    eb
      .selectFrom('circleMembers as own')
      .whereRef('own.circleId', '=', 'ci.id')
      .where('own.userId', '=', me)
      .select(one),
  );
  const isCommunityMember = viewer?.isAdmin
    ? eb.lit(true)
    : eb.exists(
        eb
          .selectFrom('communityMembers as cm')
          .whereRef('cm.communityId', '=', 'ci.communityId')
          .where('cm.userId', '=', me)
          .where('cm.status', '=', 'active')
          .select(one),
      );
  return eb.or([
    eb('ci.visibility', '=', 'public'),
    eb.and([eb('ci.visibility', '=', 'community'), isCommunityMember]),
    hasStanding,
  ]);
}

/**
 * The content policies' `read` (readsCircleContent: sessions, next steps, polls, date polls, sheets)
 * in SQL: the circle's rule, and in a private circle also being a member, a steward (admin, active
 * animator; facilitators are members) or listed on the given session.
 */
export function circleContentVisibleTo(
  eb: ExpressionBuilder<WithCircle, 'ci'>,
  viewer: Viewer | undefined,
  sessionId: string | null,
) {
  const me = viewer?.id ?? '';
  const isListed =
    sessionId === null
      ? eb.lit(false)
      : eb.exists(
          eb
            .selectFrom('sessionParticipants as listed')
            .innerJoin('sessions as listedSession', 'listedSession.id', 'listed.sessionId')
            .where('listed.sessionId', '=', sessionId)
            .whereRef('listedSession.circleId', '=', 'ci.id')
            .where('listed.userId', '=', me)
            .select(one),
        );
  return circleContentRule(eb, viewer, isListed);
}

/**
 * The rule of circleContentVisibleTo with "listed on the session" given as an expression, for a
 * query whose rows each name their own session (search: `d.sessionId`).
 */
export function circleContentRule(
  eb: ExpressionBuilder<WithCircle, 'ci'>,
  viewer: Viewer | undefined,
  isListed: Expression<SqlBool>,
) {
  // A guest reads their own session through its routes (getVisibleSession), never through listings.
  if (viewer?.guestScope) return eb.lit(false);
  return eb.and([
    circleVisibleTo(eb, viewer),
    eb.or([eb('ci.visibility', '!=', 'private'), isCircleMemberOrSteward(eb, viewer), isListed]),
  ]);
}

/**
 * A member of the circle (facilitators are members), an active animator of its community or an
 * instance admin: who reads a private circle's content and who is on a circle's boards.
 */
export function isCircleMemberOrSteward(eb: ExpressionBuilder<WithCircle, 'ci'>, viewer: Viewer | undefined) {
  const me = viewer?.id ?? '';
  return eb.or([
    eb.lit(viewer?.isAdmin === true),
    eb.exists(
      eb
        .selectFrom('circleMembers as own')
        .whereRef('own.circleId', '=', 'ci.id')
        .where('own.userId', '=', me)
        .where('own.status', '=', 'member')
        .select(one),
    ),
    eb.exists(
      eb
        .selectFrom('communityMembers as cm')
        .whereRef('cm.communityId', '=', 'ci.communityId')
        .where('cm.userId', '=', me)
        .where('cm.status', '=', 'active')
        .where('cm.role', '=', 'animator')
        .select(one),
    ),
  ]);
}

/**
 * The communities whose shared library (questionnaire templates, learning designs, glossary) a
 * community uses: itself, and the community it is a territorial branch of (decision 035). What a
 * branch takes from its parent is community-wide; nothing of a circle is ever shared this way. A
 * subquery, for `where('communityId', 'in', …)`.
 */
export function sharingCommunities(db: Kysely<DB>, communityId: string) {
  return db
    .selectFrom('communities as lib')
    .select('lib.id')
    .where((e) =>
      e.or([
        e('lib.id', '=', communityId),
        e(
          'lib.id',
          '=',
          e
            .selectFrom('communities as branch')
            .select('branch.parentId')
            .where('branch.id', '=', communityId),
        ),
      ]),
    );
}
