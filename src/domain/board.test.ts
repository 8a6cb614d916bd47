import { describe, expect, it } from 'vitest';
import { dotsLeft, dotsProblem, effectiveMaxPerNote, isVotingOpen, rankNotes } from './board.ts';

describe('dot voting rules', () => {
  const rules = { dotsPerParticipant: 5, maxDotsPerNote: 2 };

  it('defaults the per-note ceiling to the whole budget and never above it', () => {
    expect(effectiveMaxPerNote(5, null)).toBe(5);
    expect(effectiveMaxPerNote(5, 9)).toBe(5);
    expect(effectiveMaxPerNote(5, 2)).toBe(2);
  });

  it('refuses more dots than the per-note ceiling or the budget', () => {
    expect(dotsProblem({ ...rules, count: 3, current: 0, usedElsewhere: 0 })).toBe('over-note-max');
    expect(dotsProblem({ ...rules, count: 2, current: 0, usedElsewhere: 4 })).toBe('over-budget');
    expect(dotsProblem({ ...rules, count: 2, current: 1, usedElsewhere: 3 })).toBeNull();
  });

  it('shows no negative dots left when the budget was lowered under the dots placed', () => {
    expect(dotsLeft({ dotsPerParticipant: 5, myDotsUsed: 2 })).toBe(3);
    expect(dotsLeft({ dotsPerParticipant: 3, myDotsUsed: 5 })).toBe(0);
  });

  it('always lets people take dots back', () => {
    expect(
      dotsProblem({ dotsPerParticipant: 1, maxDotsPerNote: null, count: 1, current: 3, usedElsewhere: 9 }),
    ).toBeNull();
  });

  it('closes voting when locked or after the timer', () => {
    const now = Date.parse('2026-11-29T10:00:00Z');
    expect(isVotingOpen({ locked: false, votingClosesAt: null }, now)).toBe(true);
    expect(isVotingOpen({ locked: true, votingClosesAt: null }, now)).toBe(false);
    expect(isVotingOpen({ locked: false, votingClosesAt: '2026-11-29T09:59:59Z' }, now)).toBe(false);
    expect(isVotingOpen({ locked: false, votingClosesAt: '2026-11-29T10:00:01Z' }, now)).toBe(true);
  });

  it('ranks by dots, then by age', () => {
    const ranked = rankNotes([
      { id: 'a', dots: 1, createdAt: '2026-01-01T00:00:00Z' },
      { id: 'b', dots: 3, createdAt: '2026-01-02T00:00:00Z' },
      { id: 'c', dots: 1, createdAt: '2025-12-31T00:00:00Z' },
    ]);
    expect(ranked.map((n) => n.id)).toEqual(['b', 'c', 'a']);
  });
});
