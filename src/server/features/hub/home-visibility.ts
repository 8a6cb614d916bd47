import type { ExpressionBuilder } from 'kysely';
import { one } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import type { Viewer } from '../../http/viewer.ts';
import { circleContentVisibleTo, circleVisibleTo } from '../../policy/visibility.ts';

type WithSession = DB & { ci: DB['circles']; s: DB['sessions'] };

/**
 * A session (`s`, in circle `ci`) as its page decides (getVisibleSession): what is said in the
 * circle, or, in a private circle one sees, being listed on that very session. The visibility
 * predicate takes one session id; a list needs the same rule against each row's own session.
 */
export function sessionReadableTo(
  eb: ExpressionBuilder<WithSession, 'ci' | 's'>,
  viewer: Viewer | undefined,
) {
  const listed = eb.exists(
    eb
      .selectFrom('sessionParticipants as listed')
      .whereRef('listed.sessionId', '=', 's.id')
      .where('listed.userId', '=', viewer?.id ?? '')
      .select(one),
  );
  return eb.or([
    circleContentVisibleTo(eb, viewer, null),
    viewer ? eb.and([circleVisibleTo(eb, viewer), listed]) : eb.lit(false),
  ]);
}
