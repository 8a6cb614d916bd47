import type { ExpressionBuilder } from 'kysely';
import { one } from '../db/columns.ts';
import type { DB } from '../db/schema.ts';
import type { Viewer } from '../http/viewer.ts';
import { circleContentRule, circleVisibleTo, isCircleMemberOrSteward } from './visibility.ts';

type WithDocument = DB & { d: DB['searchDocuments']; ci: DB['circles'] };

/**
 * Who may find a search document (`d`, with its circle `ci` left-joined): the `read` of the policy
 * of the object it stands for, per its audience (search/search-source.ts), and its owner alone when
 * it has one. In the WHERE of the search query, so what one may not open is never found, counted or
 * quoted. The search privacy test walks every audience against the objects' own routes.
 */
export function documentVisibleTo(
  eb: ExpressionBuilder<WithDocument, 'd' | 'ci'>,
  viewer: Viewer | undefined,
) {
  const me = viewer?.id ?? '';
  const circleEb = eb as unknown as ExpressionBuilder<DB & { ci: DB['circles'] }, 'ci'>;
  const isCommunityMember = viewer?.isAdmin
    ? eb.lit(true)
    : eb.exists(
        eb
          .selectFrom('communityMembers as member')
          .whereRef('member.communityId', '=', 'd.communityId')
          .where('member.userId', '=', me)
          .where('member.status', '=', 'active')
          .select(one),
      );
  const isListed = eb.exists(
    eb
      .selectFrom('sessionParticipants as listed')
      .whereRef('listed.sessionId', '=', 'd.sessionId')
      .where('listed.userId', '=', me)
      .select(one),
  );
  return eb.and([
    eb.or([eb('d.ownerId', 'is', null), eb('d.ownerId', '=', me)]),
    eb.or([
      eb('d.audience', '=', 'everyone'),
      eb.and([eb('d.audience', '=', 'community'), viewer ? isCommunityMember : eb.lit(false)]),
      eb.and([eb('d.audience', '=', 'circle'), circleVisibleTo(circleEb, viewer)]),
      eb.and([eb('d.audience', '=', 'circle-content'), circleContentRule(circleEb, viewer, isListed)]),
      eb.and([
        eb('d.audience', '=', 'board'),
        circleVisibleTo(circleEb, viewer),
        isCircleMemberOrSteward(circleEb, viewer),
      ]),
    ]),
  ]);
}
