import type { DashboardFigures } from '../../../contract/hub.ts';

/** What the dashboard counts for a circle, a territory or the community, before the rates. */
export interface Tally {
  held: number;
  /** Distinct accounts active (a person active in two circles is one person in a total). */
  people: number;
  present: number;
  listed: number;
  due: number;
  doneOnTime: number;
  /** Scale questions' means, each on 0–100 over its own range: summed and counted. */
  scoreSum: number;
  scoreCount: number;
  surveysCounted: number;
  surveysWithheld: number;
}

export const emptyTally = (): Tally => ({
  held: 0,
  people: 0,
  present: 0,
  listed: 0,
  due: 0,
  doneOnTime: 0,
  scoreSum: 0,
  scoreCount: 0,
  surveysCounted: 0,
  surveysWithheld: 0,
});

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

export function toFigures(t: Tally): DashboardFigures {
  return {
    sessionsHeld: t.held,
    peopleActive: t.people,
    attendance: { present: t.present, listed: t.listed, rate: ratio(t.present, t.listed) },
    steps: { due: t.due, doneOnTime: t.doneOnTime, rate: ratio(t.doneOnTime, t.due) },
    surveys: {
      counted: t.surveysCounted,
      withheld: t.surveysWithheld,
      score: t.scoreCount > 0 ? Math.round((t.scoreSum / t.scoreCount) * 10) / 10 : null,
    },
  };
}
