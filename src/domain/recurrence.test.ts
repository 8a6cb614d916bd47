import { describe, expect, it } from 'vitest';
import { occurrences, occurrenceTimes, recurrenceProblems, ruleDates, weekOfMonth } from './recurrence.ts';

describe('recurrence', () => {
  it('repeats every 2nd Tuesday of the month', () => {
    expect(weekOfMonth('2027-01-12')).toBe(2);
    expect(ruleDates({ frequency: 'monthly', interval: 1, firstDate: '2027-01-12', count: 5 })).toEqual([
      '2027-01-12',
      '2027-02-09',
      '2027-03-09',
      '2027-04-13',
      '2027-05-11',
    ]);
  });

  it('takes a fifth weekday (the 29th to the 31st) as "the last" weekday of each month', () => {
    expect(weekOfMonth('2027-01-26')).toBe(4);
    expect(weekOfMonth('2027-03-30')).toBe(-1);
    expect(ruleDates({ frequency: 'monthly', interval: 2, firstDate: '2027-03-30', count: 3 })).toEqual([
      '2027-03-30',
      '2027-05-25',
      '2027-07-27',
    ]);
  });

  it('repeats every N weeks, up to an until day, inclusive', () => {
    expect(
      ruleDates({ frequency: 'weekly', interval: 2, firstDate: '2027-03-16', until: '2027-04-27' }),
    ).toEqual(['2027-03-16', '2027-03-30', '2027-04-13', '2027-04-27']);
  });

  it('skips and moves occurrences, keeping the others', () => {
    const rule = {
      frequency: 'weekly' as const,
      interval: 1,
      firstDate: '2027-03-16',
      count: 4,
      skip: ['2027-03-23'],
      moves: [{ date: '2027-03-30', to: '2027-04-01', startTime: '14:00', endTime: '15:00' }],
    };
    expect(recurrenceProblems(rule)).toEqual([]);
    expect(occurrences(rule)).toEqual([
      { date: '2027-03-16', ruleDate: '2027-03-16' },
      { date: '2027-04-01', ruleDate: '2027-03-30', startTime: '14:00', endTime: '15:00' },
      { date: '2027-04-06', ruleDate: '2027-04-06' },
    ]);
  });

  it('refuses a rule without end, with too many dates, or exceptions off the rule', () => {
    expect(recurrenceProblems({ frequency: 'weekly', interval: 1, firstDate: '2027-03-16' })).toEqual([
      { kind: 'no-end' },
    ]);
    expect(
      recurrenceProblems({ frequency: 'weekly', interval: 1, firstDate: '2027-01-05', until: '2029-01-01' }),
    ).toEqual([{ kind: 'too-many' }]);
    expect(
      recurrenceProblems({
        frequency: 'weekly',
        interval: 1,
        firstDate: '2027-03-16',
        count: 2,
        skip: ['2027-03-17'],
        moves: [{ date: '2027-04-01', to: '2027-04-02' }],
      }),
    ).toEqual([
      { kind: 'not-a-rule-date', field: 'skip', index: 0 },
      { kind: 'not-a-rule-date', field: 'moves', index: 0 },
    ]);
  });

  it('keeps the wall-clock time across the change to summer and to winter time in Paris', () => {
    const times = { startTime: '12:00', endTime: '13:30', timeZone: 'Europe/Paris' };
    const at = (rule: Parameters<typeof occurrences>[0]) =>
      occurrences(rule).map((o) => occurrenceTimes(o, times).startsAt.toISOString());
    expect(at({ frequency: 'weekly', interval: 1, firstDate: '2027-03-23', count: 2 })).toEqual([
      '2027-03-23T11:00:00.000Z',
      '2027-03-30T10:00:00.000Z',
    ]);
    expect(at({ frequency: 'weekly', interval: 1, firstDate: '2027-10-26', count: 2 })).toEqual([
      '2027-10-26T10:00:00.000Z',
      '2027-11-02T11:00:00.000Z',
    ]);
  });
});
