import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Viewer } from '../http/viewer.ts';
import { circleContentRule, circleVisibleTo, isCircleMemberOrSteward } from './visibility.ts';

type WithDocument = DB & { d: DB['searchDocuments'] };

/**
 * Who may find a search document (`d`): the `read` of the policy of the object it stands for, per
 * its audience (search/search-source.ts), and its owner alone when it has one. In the WHERE of the
 * search query, so what one may not open is never found, counted or quoted. Each audience's rule is
 * a sub-query that does not depend on the document (the circles whose content the viewer reads, the
 * sessions they are listed on…): the database works it out once per search, not once per match.
 * `communityId` narrows those sub-queries when the search is within one community. The policy walk
 * checks every audience against the policies for every standing.
 */
export function documentVisibleTo(
  eb: ExpressionBuilder<WithDocument, 'd'>,
  viewer: Viewer | undefined,
  communityId?: string,
) {
  const me = viewer?.id ?? '';
  const circles = (
    rule: (ci: ExpressionBuilder<DB & { ci: DB['circles'] }, 'ci'>) => ReturnType<typeof circleVisibleTo>,
  ) =>
    eb
      .selectFrom('circles as ci')
      .select('ci.id')
      .$if(communityId !== undefined, (q) => q.where('ci.communityId', '=', communityId ?? ''))
      .where((ci) => rule(ci));
  const listedSessions = eb
    .selectFrom('sessionParticipants as listed')
    .innerJoin('sessions as listedSession', 'listedSession.id', 'listed.sessionId')
    .innerJoin('circles as ci', 'ci.id', 'listedSession.circleId')
    .select('listed.sessionId')
    .where('listed.userId', '=', me)
    .where((ci) => circleVisibleTo(ci, viewer));
  const myCommunities = eb
    .selectFrom('communityMembers as member')
    .select('member.communityId')
    .where('member.userId', '=', me)
    .where('member.status', '=', 'active');
  // An archived community's documents are found by its members (and admins) only (decision 038).
  const archivedCommunities = eb
    .selectFrom('communities as archived')
    .select('archived.id')
    .where('archived.archivedAt', 'is not', null);
  return eb.and([
    eb.or([eb('d.ownerId', 'is', null), eb('d.ownerId', '=', me)]),
    viewer?.isAdmin
      ? eb.lit(true)
      : eb.or([
          eb('d.communityId', 'not in', archivedCommunities),
          ...(viewer ? [eb('d.communityId', 'in', myCommunities)] : []),
        ]),
    eb.or([
      eb('d.audience', '=', 'everyone'),
      eb.and([
        eb('d.audience', '=', 'community'),
        viewer?.isAdmin ? eb.lit(true) : viewer ? eb('d.communityId', 'in', myCommunities) : eb.lit(false),
      ]),
      eb.and([
        eb('d.audience', '=', 'circle'),
        eb(
          'd.circleId',
          'in',
          circles((ci) => circleVisibleTo(ci, viewer)),
        ),
      ]),
      eb.and([
        eb('d.audience', '=', 'circle-content'),
        eb.or([
          eb(
            'd.circleId',
            'in',
            circles((ci) => circleContentRule(ci, viewer, ci.lit(false))),
          ),
          eb('d.sessionId', 'in', listedSessions),
        ]),
      ]),
      eb.and([
        eb('d.audience', '=', 'board'),
        eb(
          'd.circleId',
          'in',
          circles((ci) => ci.and([circleVisibleTo(ci, viewer), isCircleMemberOrSteward(ci, viewer)])),
        ),
      ]),
    ]),
  ]);
}
