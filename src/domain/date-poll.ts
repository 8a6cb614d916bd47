/** Date poll vocabulary and the pure rules of its results. */

export const dateAnswerValues = ['yes', 'maybe', 'no'] as const;
export type DateAnswerValue = (typeof dateAnswerValues)[number];

export const datePollStatuses = ['open', 'closed'] as const;
export type DatePollStatus = (typeof datePollStatuses)[number];

/** At most this many candidate slots: a grid people can still read and answer. */
export const MAX_DATE_POLL_SLOTS = 60;

export interface SlotTally {
  yes: number;
  maybe: number;
  no: number;
}

/**
 * The best slots: most yes, then most "if need be". Ties are all best; a slot nobody can attend
 * (no yes and no maybe) is never best.
 */
export function bestSlotIndexes(tallies: readonly SlotTally[]): number[] {
  let top: SlotTally | undefined;
  for (const tally of tallies) {
    if (tally.yes + tally.maybe === 0) continue;
    if (!top || tally.yes > top.yes || (tally.yes === top.yes && tally.maybe > top.maybe)) top = tally;
  }
  if (!top) return [];
  const best = top;
  return tallies.flatMap((tally, index) =>
    tally.yes === best.yes && tally.maybe === best.maybe ? [index] : [],
  );
}

export type SlotProblemKind = 'ends-before-start' | 'in-the-past' | 'duplicate';

/**
 * Problems with a poll's candidate slots, by their index in the list given: ends before it
 * starts, starts before `now` (nobody can meet then, and closing would create a past session),
 * or the same slot twice.
 */
export function slotProblems(
  slots: readonly { startsAt: number; endsAt: number }[],
  now: number,
): { index: number; kind: SlotProblemKind }[] {
  const seen = new Set<string>();
  const problems: { index: number; kind: SlotProblemKind }[] = [];
  slots.forEach((slot, index) => {
    if (!(slot.endsAt > slot.startsAt)) problems.push({ index, kind: 'ends-before-start' });
    else if (slot.startsAt < now) problems.push({ index, kind: 'in-the-past' });
    const key = `${slot.startsAt}/${slot.endsAt}`;
    if (seen.has(key)) problems.push({ index, kind: 'duplicate' });
    seen.add(key);
  });
  return problems;
}
