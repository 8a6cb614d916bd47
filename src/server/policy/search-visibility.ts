import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Viewer } from '../http/viewer.ts';
import { circleContentRule, circleVisibleTo, isCircleMemberOrSteward } from './visibility.ts';

type WithDocument = DB & { d: DB['searchDocuments'] };

/**
 * Who may find a search document (`d`): the `read` of the policy of the object it stands for, per
 * its audience (search/search-source.ts), and its owner alone when it has one. In the WHERE of the
 * search query, so what one may not open is never found, counted or quoted. The circle audiences
 * ask about the document's own circle (one row by key, and the viewer's memberships by key): a
 * list of every circle the viewer may read, worked out once per search, cost 33 ms at 10,000
 * circles, where the search reads about a thousand candidates (decision 058). The rules that do not
 * depend on the document (the viewer's communities, the sessions they are listed on) stay lists.
 * `communityId` narrows those lists when the search is within one community. The policy walk checks
 * every audience against the policies for every standing.
 */
export function documentVisibleTo(
  eb: ExpressionBuilder<WithDocument, 'd'>,
  viewer: Viewer | undefined,
  communityId?: string,
) {
  const me = viewer?.id ?? '';
  // The document's circle, if the rule lets the viewer in.
  const inCircle = (
    rule: (ci: ExpressionBuilder<DB & { ci: DB['circles'] }, 'ci'>) => ReturnType<typeof circleVisibleTo>,
  ) =>
    eb.exists(
      eb
        .selectFrom('circles as ci')
        .select(eb.lit(1).as('one'))
        .whereRef('ci.id', '=', 'd.circleId')
        .where((ci) => rule(ci)),
    );
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
    .where('member.status', '=', 'active')
    .$if(communityId !== undefined, (q) => q.where('member.communityId', '=', communityId ?? ''));
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
      eb.and([eb('d.audience', '=', 'circle'), inCircle((ci) => circleVisibleTo(ci, viewer))]),
      eb.and([
        eb('d.audience', '=', 'circle-content'),
        eb.or([
          inCircle((ci) => circleContentRule(ci, viewer, ci.lit(false))),
          eb('d.sessionId', 'in', listedSessions),
        ]),
      ]),
      eb.and([
        eb('d.audience', '=', 'board'),
        inCircle((ci) => ci.and([circleVisibleTo(ci, viewer), isCircleMemberOrSteward(ci, viewer)])),
      ]),
    ]),
  ]);
}
