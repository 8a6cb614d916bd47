import { describe, expect, it } from 'vitest';
import { addDays, isDoneOnTime, reviewPeriod } from './review.ts';

describe('a review period', () => {
  it('defaults to the year before today, both days included', () => {
    expect(reviewPeriod({}, '2026-09-14')).toEqual({ from: '2025-09-14', to: '2026-09-14' });
    expect(reviewPeriod({ to: '2021-06-15' }, '2026-09-14')).toEqual({
      from: '2020-06-15',
      to: '2021-06-15',
    });
    expect(reviewPeriod({ from: '2021-01-01' }, '2021-06-15')).toEqual({
      from: '2021-01-01',
      to: '2021-06-15',
    });
  });

  it('moves days across months and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('a next step done on time', () => {
  it('needs a due date and a change on or before it', () => {
    expect(isDoneOnTime({ status: 'done', dueOn: '2026-06-15', changedOn: '2026-06-15' })).toBe(true);
    expect(isDoneOnTime({ status: 'done', dueOn: '2026-06-15', changedOn: '2026-06-16' })).toBe(false);
    expect(isDoneOnTime({ status: 'done', dueOn: null, changedOn: '2026-06-01' })).toBe(false);
    expect(isDoneOnTime({ status: 'dropped', dueOn: '2026-06-15', changedOn: '2026-06-01' })).toBe(false);
  });
});
