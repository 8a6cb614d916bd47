import { z } from 'zod';
import { circleDecisionSchema } from './circle.ts';
import { surveyQuestionSchema, surveyResultsSchema } from './survey.ts';

const calendarDay = z.iso.date().refine((day) => {
  const year = Number(day.slice(0, 4));
  return year >= 1970 && year <= 9998;
}, 'a date between the years 1970 and 9998');
const fromBeforeTo = (period: { from?: string | undefined; to?: string | undefined }) =>
  !period.from || !period.to || period.from <= period.to;
const fromBeforeToIssue = { message: 'must not be after `to`', path: ['from'] };

/**
 * A review's period: calendar days in the community's time zone, both included. Without `to`,
 * today; without `from`, 365 days before `to`.
 */
export const reviewQuerySchema = z
  .object({ from: calendarDay.optional(), to: calendarDay.optional() })
  .strict()
  .refine(fromBeforeTo, fromBeforeToIssue);
export type ReviewQuery = z.infer<typeof reviewQuerySchema>;

/**
 * A circle's review (bilan) over a period. Counts, precisely:
 * - a session is in the period when it starts in it (from 00:00 on `from` to 24:00 on `to`);
 * - `sessions.held`: in the period, not cancelled, and started before the review was read;
 *   `sessions.planned`: in the period, not cancelled, starting later; `sessions.cancelled`: in the
 *   period and called off;
 * - `attendance`: one line per held session, oldest first: `present` the people marked present,
 *   `excused` those who sent their apologies, `invited` everyone listed on the session whatever
 *   their answer (invited, confirmed, excused, present);
 * - `actions`: next steps of the circle recorded at a session in the period (or, for one without a
 *   session, created in the period), by their status now: `opened` all
 *   of them, `done`, `dropped`, `open` (to do or in progress); `doneOnTime` the done ones that had
 *   a due date and whose last change (marking them done) was on or before that date, in the
 *   community's time zone;
 * - `boards`, `polls`: the circle's boards and polls created in the period.
 */
export const circleReviewSchema = z
  .object({
    circleId: z.string(),
    circleName: z.string(),
    communitySlug: z.string(),
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    sessions: z.object({
      held: z.number().int(),
      cancelled: z.number().int(),
      planned: z.number().int(),
    }),
    attendance: z.array(
      z.object({
        sessionId: z.string(),
        title: z.string(),
        startsAt: z.string(),
        timeZone: z.string(),
        present: z.number().int(),
        excused: z.number().int(),
        invited: z.number().int(),
      }),
    ),
    actions: z.object({
      opened: z.number().int(),
      done: z.number().int(),
      doneOnTime: z.number().int(),
      dropped: z.number().int(),
      open: z.number().int(),
    }),
    boards: z.number().int(),
    polls: z.number().int(),
    /**
     * The circle's questionnaires made in the period, with their results as anyone may read them:
     * an anonymous one gives only its number of respondents until it is closed and has enough.
     */
    surveys: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        templateId: z.string().nullable(),
        anonymous: z.boolean(),
        state: z.enum(['scheduled', 'open', 'closed']),
        respondents: z.number().int(),
        questions: z.array(surveyQuestionSchema),
        results: surveyResultsSchema,
      }),
    ),
    /** What the last REX decided for the circle, if any. */
    decision: circleDecisionSchema.nullable(),
  })
  .meta({ id: 'CircleReview' });
export type CircleReview = z.infer<typeof circleReviewSchema>;

/**
 * The circles a session reviews (a REX): each must be a circle of the session's community that the
 * caller may read the content of. The period applies to all of them; without `to`, the day of the
 * session; without `from`, 365 days before `to`.
 */
export const reviewedCirclesPutSchema = z
  .object({
    circleIds: z.array(z.string().min(1).max(100)).max(50),
    from: calendarDay.optional(),
    to: calendarDay.optional(),
  })
  .strict()
  .refine(fromBeforeTo, fromBeforeToIssue);
export type ReviewedCirclesPut = z.infer<typeof reviewedCirclesPutSchema>;

/** A session's reviewed circles, those the viewer may read, each with its review and abilities. */
export const reviewedCirclesSchema = z
  .object({
    items: z.array(
      z.object({
        review: circleReviewSchema,
        /** The viewer may record the circle's decision (its stewards, animators of its community). */
        mayDecide: z.boolean(),
      }),
    ),
    /** The viewer may change which circles the session reviews (stewards of the session's circle). */
    mayEdit: z.boolean(),
  })
  .meta({ id: 'ReviewedCircles' });
export type ReviewedCircles = z.infer<typeof reviewedCirclesSchema>;

declare module './live.ts' {
  interface LiveEvents {
    /** The circles a session reviews changed (on `session:<id>`): refetch them. */
    'session.reviews.updated': { sessionId: string };
  }
}
