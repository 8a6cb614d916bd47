import type { Kysely } from 'kysely';
import type { ReviewedCircles, ReviewedCirclesPut } from '../../../contract/review.ts';
import { zonedParts } from '../../../domain/zoned-time.ts';
import { toIso } from '../../db/columns.ts';
import { lockSession } from '../../db/locks.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { abilitiesInCircle } from '../../policy/access.ts';
import { circleContentVisibleTo } from '../../policy/visibility.ts';
import { getVisibleCircle } from '../circles/circles.public.ts';
import { circleReview, getReviewableCircle } from './review.queries.ts';

interface ReviewingSession {
  id: string;
  startsAt: Date | string;
}

/**
 * Sets the circles a session reviews, in the order given, replacing the previous list. Each must be
 * a circle of the session's community whose content the caller may read; any other (hidden,
 * elsewhere or absent, told apart by nothing) is a 400 naming its place in the list. Under the
 * session's row lock, so two saves never interleave their rows.
 */
export async function setReviewedCircles(
  db: Kysely<DB>,
  session: ReviewingSession,
  communityId: string,
  viewer: Viewer,
  input: ReviewedCirclesPut,
): Promise<void> {
  const circleIds = [...new Set(input.circleIds)];
  const allowed = circleIds.length
    ? await db
        .selectFrom('circles as ci')
        .select('ci.id')
        .where('ci.id', 'in', circleIds)
        .where('ci.communityId', '=', communityId)
        .where((eb) => circleContentVisibleTo(eb, viewer, null))
        .execute()
    : [];
  const refused = input.circleIds.flatMap((id, index) =>
    allowed.some((row) => row.id === id)
      ? []
      : [
          {
            path: ['body', 'circleIds', String(index)],
            message: 'not a circle of this community you may review',
          },
        ],
  );
  if (refused.length > 0) {
    throw new AppError('INVALID_INPUT', 'Only circles of the session’s community that you may read', refused);
  }
  await db
    .transaction()
    .execute((trx) => writeReviewedCircles(trx, session.id, circleIds, { from: input.from, to: input.to }));
}

/**
 * Replaces a session's reviewed circles inside the caller's transaction, under the session's row
 * lock, without checks: for callers that made them (above) or that write trusted data (the demo).
 */
export async function writeReviewedCircles(
  trx: Kysely<DB>,
  sessionId: string,
  circleIds: readonly string[],
  period: { from?: string | undefined; to?: string | undefined },
): Promise<void> {
  await lockSession(trx, sessionId);
  await trx.deleteFrom('sessionReviewedCircles').where('sessionId', '=', sessionId).execute();
  for (const [index, circleId] of circleIds.entries()) {
    await trx
      .insertInto('sessionReviewedCircles')
      .values({
        sessionId,
        circleId,
        position: index + 1,
        periodFrom: period.from ?? null,
        periodTo: period.to ?? null,
      })
      .execute();
  }
}

/**
 * The session's reviewed circles with their reviews: only those whose content the viewer may read
 * (the others are left out, named nowhere). Without a stored end, a review runs to the session's day.
 */
export async function listReviewedCircles(
  db: Kysely<DB>,
  session: ReviewingSession,
  viewer: Viewer | undefined,
  mayEdit: boolean,
): Promise<ReviewedCircles> {
  const rows = await db
    .selectFrom('sessionReviewedCircles')
    .selectAll()
    .where('sessionId', '=', session.id)
    .orderBy('position')
    .execute();
  const items: ReviewedCircles['items'] = [];
  for (const row of rows) {
    const circle = await getReviewableCircle(db, row.circleId, viewer).catch(() => undefined);
    if (!circle) continue;
    const sessionDay = zonedParts(new Date(toIso(session.startsAt)), circle.timeZone).date;
    const review = await circleReview(db, circle, {
      from: row.periodFrom ?? undefined,
      to: row.periodTo ?? sessionDay,
    });
    const visible = await getVisibleCircle(db, circle.id, viewer);
    items.push({ review, mayDecide: abilitiesInCircle(visible, viewer).steer });
  }
  return { items, mayEdit };
}
