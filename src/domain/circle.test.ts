import { describe, expect, it } from 'vitest';
import { freePlaces, standingForNewcomer } from './circle.ts';

describe('circle rules', () => {
  it('gives members a place until capacity, then the waitlist; requests when approval is needed', () => {
    const base = { joinPolicy: 'open' as const, capacity: 12, isFacilitatorAdding: false };
    expect(standingForNewcomer({ ...base, memberCount: 11 })).toBe('member');
    expect(standingForNewcomer({ ...base, memberCount: 12 })).toBe('waitlisted');
    expect(standingForNewcomer({ ...base, capacity: null, memberCount: 500 })).toBe('member');
    expect(standingForNewcomer({ ...base, joinPolicy: 'request', memberCount: 0 })).toBe('requested');
    expect(
      standingForNewcomer({ ...base, joinPolicy: 'request', memberCount: 0, isFacilitatorAdding: true }),
    ).toBe('member');
  });

  it('promotes no more than the free places', () => {
    expect(freePlaces(12, 11, 5)).toBe(1);
    expect(freePlaces(12, 14, 5)).toBe(0);
    expect(freePlaces(null, 3, 5)).toBe(5);
  });
});
