import type { DashboardFigures } from '../../../contract/hub.ts';

/**
 * What the dashboard adds up for one circle, kept as raw counts (and the people themselves) so that
 * territories and the community total are sums of circles without counting a person twice.
 */
export interface Tally {
  held: number;
  /** Account ids of the people active (a person active in two circles is one person in a total). */
  people: Set<string>;
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
  people: new Set(),
  present: 0,
  listed: 0,
  due: 0,
  doneOnTime: 0,
  scoreSum: 0,
  scoreCount: 0,
  surveysCounted: 0,
  surveysWithheld: 0,
});

/** The sum of several circles' tallies (people as a union). */
export function mergeTallies(tallies: Tally[]): Tally {
  const total = emptyTally();
  for (const t of tallies) {
    total.held += t.held;
    for (const person of t.people) total.people.add(person);
    total.present += t.present;
    total.listed += t.listed;
    total.due += t.due;
    total.doneOnTime += t.doneOnTime;
    total.scoreSum += t.scoreSum;
    total.scoreCount += t.scoreCount;
    total.surveysCounted += t.surveysCounted;
    total.surveysWithheld += t.surveysWithheld;
  }
  return total;
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

export function toFigures(t: Tally): DashboardFigures {
  return {
    sessionsHeld: t.held,
    peopleActive: t.people.size,
    attendance: { present: t.present, listed: t.listed, rate: ratio(t.present, t.listed) },
    steps: { due: t.due, doneOnTime: t.doneOnTime, rate: ratio(t.doneOnTime, t.due) },
    surveys: {
      counted: t.surveysCounted,
      withheld: t.surveysWithheld,
      score: t.scoreCount > 0 ? Math.round((t.scoreSum / t.scoreCount) * 10) / 10 : null,
    },
  };
}

/**
 * Figures per territory: each code sums the circles it is given for (a circle with two codes counts
 * in both; one without any counts in none). `codesByCircle` comes from the territories' links.
 */
export function territoryFigures(
  circles: { circleId: string; tally: Tally }[],
  codesByCircle: ReadonlyMap<string, readonly string[]>,
): (DashboardFigures & { code: string })[] {
  const byCode = new Map<string, Tally[]>();
  for (const { circleId, tally } of circles) {
    for (const code of new Set(codesByCircle.get(circleId) ?? [])) {
      byCode.set(code, [...(byCode.get(code) ?? []), tally]);
    }
  }
  return [...byCode.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, tallies]) => ({ code, ...toFigures(mergeTallies(tallies)) }));
}
