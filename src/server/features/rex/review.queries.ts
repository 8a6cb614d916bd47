import type { Kysely } from 'kysely';
import type { CircleReview } from '../../../contract/review.ts';
import { addDays, isDoneOnTime, reviewPeriod } from '../../../domain/review.ts';
import { isOpenAction } from '../../../domain/session.ts';
import { zonedInstant, zonedParts } from '../../../domain/zoned-time.ts';
import { toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { circleContentVisibleTo } from '../../policy/visibility.ts';
import { findCircleDecision } from '../circles/circles.public.ts';
import { circleSurveyResults } from '../surveys/surveys.public.ts';

export interface ReviewedCircle {
  id: string;
  name: string;
  communityId: string;
  communitySlug: string;
  timeZone: string;
}

/**
 * The circle whose review the viewer asks for: found only if they may read what is said in it
 * (the content policies' `read`, in the SQL), so anyone else gets 404 as if it did not exist.
 */
export async function getReviewableCircle(
  db: Kysely<DB>,
  circleId: string,
  viewer: Viewer | undefined,
): Promise<ReviewedCircle> {
  const circle = await db
    .selectFrom('circles as ci')
    .innerJoin('communities as co', 'co.id', 'ci.communityId')
    .select(['ci.id', 'ci.name', 'ci.communityId', 'co.slug as communitySlug', 'co.timeZone'])
    .where('ci.id', '=', circleId)
    .where((eb) => circleContentVisibleTo(eb, viewer, null))
    .executeTakeFirst();
  if (!circle) throw notFound('Circle');
  return circle;
}

const countOf = (rows: { n: number | string | bigint }[]) => Number(rows[0]?.n ?? 0);

/** The circle's review over a period (the counts are defined in contract/review.ts). */
export async function circleReview(
  db: Kysely<DB>,
  circle: ReviewedCircle,
  asked: { from?: string | undefined; to?: string | undefined },
  now = new Date(),
): Promise<CircleReview> {
  const { timeZone } = circle;
  const { from, to } = reviewPeriod(asked, zonedParts(now, timeZone).date);
  const fromAt = zonedInstant(from, '00:00', timeZone).toISOString();
  const toAt = zonedInstant(addDays(to, 1), '00:00', timeZone).toISOString();
  const nowMs = now.getTime();

  const [sessions, actions, boards, polls, decision, surveys] = await Promise.all([
    db
      .selectFrom('sessions')
      .select(['id', 'title', 'startsAt', 'timeZone', 'cancelledAt'])
      .where('circleId', '=', circle.id)
      .where('startsAt', '>=', fromAt)
      .where('startsAt', '<', toAt)
      .orderBy('startsAt')
      .orderBy('id')
      .execute(),
    // A next step belongs to the period of the session it was recorded at (an imported meeting's
    // steps were created at import time), or to its own creation when it has no session.
    db
      .selectFrom('actions as a')
      .leftJoin('sessions as s', 's.id', 'a.sessionId')
      .select(['a.status', 'a.dueOn', 'a.updatedAt'])
      .where('a.circleId', '=', circle.id)
      .where((eb) =>
        eb.and([
          eb(eb.fn.coalesce('s.startsAt', 'a.createdAt'), '>=', fromAt),
          eb(eb.fn.coalesce('s.startsAt', 'a.createdAt'), '<', toAt),
        ]),
      )
      .execute(),
    db
      .selectFrom('boards')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('circleId', '=', circle.id)
      .where('createdAt', '>=', fromAt)
      .where('createdAt', '<', toAt)
      .execute(),
    db
      .selectFrom('polls')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('circleId', '=', circle.id)
      .where('createdAt', '>=', fromAt)
      .where('createdAt', '<', toAt)
      .execute(),
    findCircleDecision(db, circle.id),
    circleSurveyResults(db, circle.id, { from: fromAt, to: toAt }),
  ]);

  const held = sessions.filter((s) => s.cancelledAt === null && Date.parse(toIso(s.startsAt)) < nowMs);
  const answers = held.length
    ? await db
        .selectFrom('sessionParticipants')
        .select(['sessionId', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .where(
          'sessionId',
          'in',
          held.map((s) => s.id),
        )
        .groupBy(['sessionId', 'status'])
        .execute()
    : [];
  const answered = (sessionId: string, status?: string) =>
    answers
      .filter((row) => row.sessionId === sessionId && (status === undefined || row.status === status))
      .reduce((sum, row) => sum + Number(row.n), 0);

  const changedOn = (at: Date | string) => zonedParts(new Date(toIso(at)), timeZone).date;
  return {
    circleId: circle.id,
    circleName: circle.name,
    communitySlug: circle.communitySlug,
    from,
    to,
    timeZone,
    sessions: {
      held: held.length,
      cancelled: sessions.filter((s) => s.cancelledAt !== null).length,
      planned: sessions.filter((s) => s.cancelledAt === null && Date.parse(toIso(s.startsAt)) >= nowMs)
        .length,
    },
    attendance: held.map((s) => ({
      sessionId: s.id,
      title: s.title,
      startsAt: toIso(s.startsAt),
      timeZone: s.timeZone,
      present: answered(s.id, 'present'),
      excused: answered(s.id, 'excused'),
      invited: answered(s.id),
    })),
    actions: {
      opened: actions.length,
      done: actions.filter((a) => a.status === 'done').length,
      doneOnTime: actions.filter((a) =>
        isDoneOnTime({ status: a.status, dueOn: a.dueOn, changedOn: changedOn(a.updatedAt) }),
      ).length,
      dropped: actions.filter((a) => a.status === 'dropped').length,
      open: actions.filter((a) => isOpenAction(a.status)).length,
    },
    boards: countOf(boards),
    polls: countOf(polls),
    surveys: surveys.map(({ results, ...survey }) => ({
      ...survey,
      respondents: results.respondents,
      results,
    })),
    decision,
  };
}
