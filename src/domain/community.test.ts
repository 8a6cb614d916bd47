import { describe, expect, it } from 'vitest';
import { communityStandingForNewcomer, isValidSlug, slugify } from './community.ts';

describe('community rules', () => {
  it('turns French names into URL slugs', () => {
    expect(slugify('Riposte créative territoriale')).toBe('riposte-creative-territoriale');
    expect(slugify("  L'Équipe d'animation !! ")).toBe('l-equipe-d-animation');
    expect(isValidSlug(slugify('Cercle des boussoles'))).toBe(true);
  });

  it('validates slugs', () => {
    expect(isValidSlug('riposte-gironde')).toBe(true);
    for (const bad of ['ab', 'Riposte', 'riposte--gironde', '-riposte', 'riposte_gironde', 'a'.repeat(65)]) {
      expect(isValidSlug(bad), bad).toBe(false);
    }
  });

  it('applies the join policy unless an invite is held', () => {
    expect(communityStandingForNewcomer('open', false)).toBe('active');
    expect(communityStandingForNewcomer('request', false)).toBe('requested');
    expect(communityStandingForNewcomer('invitation', false)).toBe('refused');
    expect(communityStandingForNewcomer('invitation', true)).toBe('active');
  });

  it('lets a member of the parent into a branch on request, never past an invitation', () => {
    expect(communityStandingForNewcomer('request', false, true)).toBe('active');
    expect(communityStandingForNewcomer('open', false, true)).toBe('active');
    expect(communityStandingForNewcomer('invitation', false, true)).toBe('refused');
  });
});
