/** A circle's review (bilan) and what a REX decides about the circle. */

/**
 * The REX's decision on a circle: `renew` (reconduite), `spread` (déploiement, essaimage),
 * `pause`, `end`.
 */
export const circleDecisionOutcomes = ['renew', 'spread', 'pause', 'end'] as const;
export type CircleDecisionOutcome = (typeof circleDecisionOutcomes)[number];

/** A review's period when none is given: the year before its end. */
export const DEFAULT_REVIEW_DAYS = 365;

/** A calendar day (YYYY-MM-DD) moved by whole days. */
export function addDays(day: string, days: number): string {
  const [year = 1970, month = 1, date = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A review's period, both days included: `to` defaults to `today`, `from` to a year before `to`. */
export function reviewPeriod(
  asked: { from?: string | undefined; to?: string | undefined },
  today: string,
): { from: string; to: string } {
  const to = asked.to ?? today;
  const from = asked.from ?? addDays(to, -DEFAULT_REVIEW_DAYS);
  return { from, to };
}

/**
 * A next step done on time: it had a due date and its last change (marking it done) happened on or
 * before that day, both read as calendar days in the community's zone.
 */
export function isDoneOnTime(action: { status: string; dueOn: string | null; changedOn: string }): boolean {
  return action.status === 'done' && action.dueOn !== null && action.changedOn <= action.dueOn;
}
