import { describe, expect, it } from 'vitest';
import { bestSlotIndexes, slotProblems } from './date-poll.ts';

describe('bestSlotIndexes', () => {
  it('prefers the most yes, then the most if-need-be, and keeps ties', () => {
    const t = (yes: number, maybe: number) => ({ yes, maybe, no: 0 });
    expect(bestSlotIndexes([t(2, 0), t(3, 0), t(3, 1)])).toEqual([2]);
    expect(bestSlotIndexes([t(1, 2), t(1, 2), t(0, 5)])).toEqual([0, 1]);
    expect(bestSlotIndexes([t(0, 0), t(0, 0)])).toEqual([]);
    expect(bestSlotIndexes([t(0, 0), t(0, 1)])).toEqual([1]);
  });
});

describe('slotProblems', () => {
  it('finds slots ending before they start and duplicates', () => {
    expect(
      slotProblems(
        [
          { startsAt: 10, endsAt: 20 },
          { startsAt: 10, endsAt: 20 },
          { startsAt: 30, endsAt: 30 },
        ],
        0,
      ),
    ).toEqual([
      { index: 1, kind: 'duplicate' },
      { index: 2, kind: 'ends-before-start' },
    ]);
  });

  it('finds slots that start before now, by their place in the list given', () => {
    expect(
      slotProblems(
        [
          { startsAt: 200, endsAt: 260 },
          { startsAt: 50, endsAt: 120 },
          { startsAt: 90, endsAt: 80 },
        ],
        100,
      ),
    ).toEqual([
      { index: 1, kind: 'in-the-past' },
      { index: 2, kind: 'ends-before-start' },
    ]);
  });
});
