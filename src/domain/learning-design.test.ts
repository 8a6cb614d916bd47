import { describe, expect, it } from 'vitest';
import { totalMinutes } from './learning-design.ts';
import { planSequences } from './sequence-plan.ts';

const hhmm = (d: Date) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(
    d,
  );

describe('planSequences', () => {
  it('lays the sequences end to end on the wall clock of the zone', () => {
    const slots = planSequences('2026-09-14T14:00', [10, 20, 45, 15], 'Europe/Paris');
    expect(slots.map((s) => hhmm(s.startsAt))).toEqual(['14:00', '14:10', '14:30', '15:15']);
    expect(hhmm(slots[3]?.endsAt ?? new Date(0))).toBe('15:30');
    expect(slots[0]?.startsAt.toISOString()).toBe('2026-09-14T12:00:00.000Z');
  });

  it('keeps wall-clock times across the autumn change of time', () => {
    // 25 October 2026, 02:00–03:00 happens twice in Paris; a session from 01:30 for two hours.
    const slots = planSequences('2026-10-25T01:30', [60, 60], 'Europe/Paris');
    expect(slots.map((s) => hhmm(s.startsAt))).toEqual(['01:30', '02:30']);
  });

  it('crosses midnight', () => {
    const slots = planSequences('2026-09-14T23:30', [45], 'Europe/Paris');
    expect(slots[0]?.endsAt.toISOString()).toBe('2026-09-14T22:15:00.000Z');
  });

  it('sums the minutes', () => {
    expect(totalMinutes([{ minutes: 10 }, { minutes: 20 }])).toBe(30);
  });
});
