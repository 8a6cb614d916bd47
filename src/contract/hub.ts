import { z } from 'zod';
import { pageQuerySchema } from './list.ts';
import { reviewQuerySchema } from './review.ts';

/** How many items each list of the community home holds at most: the rest is behind `seeAll`. */
export const HOME_LIST_LIMIT = 6;
/** The dashboard's longest period, in days (about three years). */
export const DASHBOARD_MAX_DAYS = 1100;

const circleRef = z.object({ id: z.string(), name: z.string() });

/**
 * One line of the community home: always a link (`url`, a path of the web app). `date` is an
 * instant (sessions, events, polls' closing, minutes) or a calendar day (a next step's due date),
 * `timeZone` the zone an instant is written in; `circle` names the circle it belongs to, if any.
 */
export const homeItemSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    url: z.string(),
    date: z.string().nullable(),
    timeZone: z.string().nullable(),
    circle: circleRef.nullable(),
  })
  .meta({ id: 'HomeItem' });
export type HomeItem = z.infer<typeof homeItemSchema>;

/** A community's abécédaire: its entries the viewer may read, counted by status. */
export const homeGlossarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    url: z.string(),
    proposed: z.number().int(),
    selected: z.number().int(),
    published: z.number().int(),
  })
  .meta({ id: 'HomeGlossary' });
export type HomeGlossary = z.infer<typeof homeGlossarySchema>;

const list = () => z.array(homeItemSchema);

/**
 * The community home (gare centrale): each list holds only what the viewer may read, at most
 * HOME_LIST_LIMIT items, nearest or newest first. Signed-out visitors get the public part and empty
 * personal lists (`surveysToAnswer`, `myActions`).
 */
export const communityHomeSchema = z
  .object({
    community: z.object({ id: z.string(), slug: z.string(), name: z.string(), timeZone: z.string() }),
    /** Sessions not over yet and not called off, soonest first. */
    nextSessions: list(),
    /** Events not over yet and not cancelled, soonest first. */
    events: list(),
    /** Polls of the community and its circles still in proposal or voting; `date` is their closing. */
    openPolls: list(),
    /** Date polls still open; `date` is their deadline. */
    openDatePolls: list(),
    /** Sign-up sheets, newest first. */
    openSignupSheets: list(),
    /** Open questionnaires the viewer may answer and has not answered yet. */
    surveysToAnswer: list(),
    /** The viewer's own next steps still to do or in progress, earliest due first. */
    myActions: list(),
    /** Next steps past their due date (in the community's zone) and still open, oldest due first. */
    overdueActions: list(),
    /** Minutes of the sessions held most recently (not called off, already started). */
    latestMinutes: list(),
    /** The abécédaire's progress: one item when it has entries the viewer may read, else none. */
    glossary: z.array(homeGlossarySchema),
    /** The latest « À communiquer » items of the sessions the viewer may read. */
    announcements: list(),
    /** Where each list continues (web paths); null when there is no such page for this viewer. */
    seeAll: z.object({
      sessions: z.string().nullable(),
      events: z.string(),
      myActions: z.string().nullable(),
      surveys: z.string().nullable(),
      glossary: z.string(),
    }),
  })
  .meta({ id: 'CommunityHome' });
export type CommunityHome = z.infer<typeof communityHomeSchema>;

const spanDays = (period: { from?: string | undefined; to?: string | undefined }) =>
  !period.from ||
  !period.to ||
  (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000 <= DASHBOARD_MAX_DAYS;

/**
 * The dashboard's period: calendar days in the community's zone, both included; without `to`,
 * today; without `from`, 365 days before `to`; `from` after `to` or a span over DASHBOARD_MAX_DAYS
 * is a 400.
 */
export const dashboardQuerySchema = reviewQuerySchema.refine(spanDays, {
  message: `the period must not exceed ${DASHBOARD_MAX_DAYS} days`,
  path: ['from'],
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

/**
 * The dashboard's period and one page of its circles (`cursor`, `limit`, as every paged list);
 * `people=apart` leaves the people active of the total and the territories out (null), to be read
 * from `GET …/dashboard/people` (decision 057).
 */
export const dashboardPageQuerySchema = dashboardQuerySchema.and(pageQuerySchema).and(
  z.object({
    people: z
      .enum(['with', 'apart'])
      .default('with')
      .describe(
        '`apart`: `peopleActive` of the total and of each territory is null here, counted by GET /communities/{slug}/dashboard/people (a distinct count, read apart so that the rest of the answer never waits for it)',
      ),
  }),
);

/**
 * One line of the dashboard (a circle, a territory or the whole community) over the period:
 * - `sessionsHeld`: sessions starting in the period, not called off, already started;
 * - `peopleActive`: distinct accounts marked present at, or checking in to, such a session, or
 *   owning a next step of the circle recorded in the period (guests are not counted);
 * - `attendance`: over held sessions where someone was marked present, `present` people marked
 *   present and `listed` everyone listed on them; `rate` = present / listed, null when none;
 * - `steps`: next steps due in the period (`due`) and those of them done on or before their due
 *   date in the community's zone (`doneOnTime`); `rate` = doneOnTime / due, null when none due;
 * - `surveys`: the questionnaires made in the period whose results anyone may read (withheld ones
 *   are left out, `withheld` counts them); `score` is the mean of their scale questions' means, each
 *   put on 0–100 over its own range, null when there is none.
 */
export const dashboardFiguresSchema = z.object({
  sessionsHeld: z.number().int(),
  peopleActive: z.number().int(),
  attendance: z.object({ present: z.number().int(), listed: z.number().int(), rate: z.number().nullable() }),
  steps: z.object({ due: z.number().int(), doneOnTime: z.number().int(), rate: z.number().nullable() }),
  surveys: z.object({ counted: z.number().int(), withheld: z.number().int(), score: z.number().nullable() }),
});
export type DashboardFigures = z.infer<typeof dashboardFiguresSchema>;

/** The total's and a territory's figures: `peopleActive` is null when asked `people=apart`. */
const scopeFiguresSchema = dashboardFiguresSchema.extend({
  peopleActive: z
    .number()
    .int()
    .nullable()
    .describe('Null when the dashboard was asked with `people=apart`: see GET …/dashboard/people'),
});
export type ScopeFigures = z.infer<typeof scopeFiguresSchema>;

export const communityDashboardSchema = z
  .object({
    community: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    pendingCircles: z
      .number()
      .int()
      .describe(
        'Circles whose latest writes are not yet in these figures (being recomputed in the background, after an upgrade for instance); 0 when every figure is up to date',
      ),
    total: scopeFiguresSchema,
    /** One page of the circles, in name order (accents and case aside); `nextCursor` for the next. */
    circles: z.array(dashboardFiguresSchema.extend({ circle: circleRef })),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` for the next circles; null on the last page'),
    /** Per territory code (département, région) of its circles; a circle may count in several. */
    territories: z.array(scopeFiguresSchema.extend({ code: z.string() })),
  })
  .meta({ id: 'CommunityDashboard' });
export type CommunityDashboard = z.infer<typeof communityDashboardSchema>;

/**
 * The people active (distinct accounts, defined as in DashboardFigures) of the community and of
 * each territory over the period: what the dashboard leaves null with `people=apart`.
 */
export const dashboardPeopleSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    pendingCircles: z.number().int().describe('As in CommunityDashboard'),
    total: z.object({ peopleActive: z.number().int() }),
    territories: z.array(z.object({ code: z.string(), peopleActive: z.number().int() })),
  })
  .meta({ id: 'DashboardPeople' });
export type DashboardPeople = z.infer<typeof dashboardPeopleSchema>;
