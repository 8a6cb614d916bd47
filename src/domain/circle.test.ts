import { describe, expect, it } from 'vitest';
import { canSeeCircle, freePlaces, standingForNewcomer } from './circle.ts';

const viewer = { isCommunityMember: false, isCircleParticipant: false, isInstanceAdmin: false };

describe('circle rules', () => {
  it('shows public circles to all, community circles to members, private ones to participants', () => {
    expect(canSeeCircle('public', viewer)).toBe(true);
    expect(canSeeCircle('community', viewer)).toBe(false);
    expect(canSeeCircle('community', { ...viewer, isCommunityMember: true })).toBe(true);
    expect(canSeeCircle('private', { ...viewer, isCommunityMember: true })).toBe(false);
    expect(canSeeCircle('private', { ...viewer, isCircleParticipant: true })).toBe(true);
    expect(canSeeCircle('private', { ...viewer, isInstanceAdmin: true })).toBe(false);
    expect(canSeeCircle('community', { ...viewer, isInstanceAdmin: true })).toBe(true);
  });

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
