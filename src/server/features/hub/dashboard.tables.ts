import type { Timestamp } from '../../db/schema.ts';

/** A circle whose dashboard rows must be recomputed (set by triggers, migration 0051). */
export interface DashboardStaleTable {
  circleId: string;
}

interface CircleScoped {
  circleId: string;
  communityId: string;
}

/** The circle's place in the lines' order (see nameKey). */
export interface DashboardCirclesTable extends CircleScoped {
  nameKey: string;
}

/** A territory the circle counts in: its own codes and the régions of its départements. */
export interface DashboardCircleCodesTable extends CircleScoped {
  code: string;
}

/** A session not called off; `present`/`listed` are 0 where nobody was marked present. */
export interface DashboardSessionsTable extends CircleScoped {
  sessionId: string;
  startsAt: Timestamp;
  present: number;
  listed: number;
  /** The start's calendar day in the community's zone (migration 0061). */
  day: string;
}

/** An account marked present or checked in at a session not called off. */
export interface DashboardSessionPeopleTable extends CircleScoped {
  sessionId: string;
  userId: string;
  startsAt: Timestamp;
  /** The start's calendar day in the community's zone. */
  day: string;
}

/** A step with a due day; `doneOnTime` 1 when done on or before it (community's zone). */
export interface DashboardStepsTable extends CircleScoped {
  actionId: string;
  dueOn: string;
  doneOnTime: number;
}

/** A step's owner, at the start of the step's session (or the step's creation without one). */
export interface DashboardStepPeopleTable extends CircleScoped {
  actionId: string;
  userId: string;
  anchoredAt: Timestamp;
  /** The anchor's calendar day in the community's zone. */
  day: string;
}

/**
 * One day a person was active in a scope (the community: '', or a territory code), with the next
 * such day ('9999-12-31' after the last): see migration 0051.
 */
export interface DashboardPersonDaysTable {
  communityId: string;
  scope: string;
  userId: string;
  day: string;
  nextDay: string;
}

/**
 * A circle's questionnaire with its normalised score whether or not it is withheld now: the
 * dashboard decides that at reading time (a questionnaire closes at its hour without any write).
 */
export interface DashboardSurveysTable extends CircleScoped {
  surveyId: string;
  createdAt: Timestamp;
  anonymous: number;
  closesAt: Timestamp | null;
  closedAt: Timestamp | null;
  respondents: number;
  minRespondents: number;
  scoreSum: number;
  scoreCount: number;
  /** The creation's calendar day in the community's zone (migration 0061). */
  day: string;
}

/**
 * What a community ('') or a territory adds up on one calendar day of its zone (migration 0061):
 * sessions by start day (all of them: the read counts a day's sessions as held once the day is
 * past, and today's from the per-session rows), steps by due day, questionnaires by creation day
 * except those whose results open by the clock alone (read from their rows at the request).
 */
export interface DashboardDaysTable {
  communityId: string;
  scope: string;
  day: string;
  held: number;
  present: number;
  listed: number;
  due: number;
  doneOnTime: number;
  surveysCounted: number;
  surveysWithheld: number;
  scoreSum: number;
  scoreCount: number;
  /** People whose last active day in the scope this is (see dashboard_person_days). */
  peopleLast: number;
}

/** A whole calendar month of a scope's days ('YYYY-MM'), summed from them (migration 0061). */
export type DashboardMonthsTable = Omit<DashboardDaysTable, 'day'> & { month: string };

declare module '../../db/schema.ts' {
  interface DB {
    dashboardStale: DashboardStaleTable;
    dashboardCircles: DashboardCirclesTable;
    dashboardCircleCodes: DashboardCircleCodesTable;
    dashboardSessions: DashboardSessionsTable;
    dashboardSessionPeople: DashboardSessionPeopleTable;
    dashboardSteps: DashboardStepsTable;
    dashboardStepPeople: DashboardStepPeopleTable;
    dashboardSurveys: DashboardSurveysTable;
    dashboardPersonDays: DashboardPersonDaysTable;
    dashboardDays: DashboardDaysTable;
    dashboardMonths: DashboardMonthsTable;
  }
}
