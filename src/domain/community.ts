/** Community vocabulary. */

export const joinPolicies = ['open', 'request', 'invitation'] as const;
export type JoinPolicy = (typeof joinPolicies)[number];

export const communityRoles = ['animator', 'member'] as const;
export type CommunityRole = (typeof communityRoles)[number];

export const communityMemberStatuses = ['active', 'requested'] as const;
export type CommunityMemberStatus = (typeof communityMemberStatuses)[number];

/**
 * The standing a newcomer gets, given the community's policy, whether they hold a valid invite and,
 * for a territorial branch, whether they are an active member of its parent: that membership stands
 * for the approval a branch "on request" asks for, but an invitation-only branch still wants its
 * invitation (decision 035).
 */
export function communityStandingForNewcomer(
  policy: JoinPolicy,
  hasValidInvite: boolean,
  isParentMember = false,
): CommunityMemberStatus | 'refused' {
  if (hasValidInvite || policy === 'open') return 'active';
  if (policy === 'request') return isParentMember ? 'active' : 'requested';
  return 'refused';
}

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Slugs appear in URLs: lowercase ASCII words joined by single hyphens. */
export function isValidSlug(slug: string): boolean {
  return slug.length >= 3 && slug.length <= 64 && slugPattern.test(slug);
}

/** A slug suggestion from a display name ("Riposte créative" -> "riposte-creative"). */
export function slugify(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      // Runs are one hyphen by now: /-+$/ on a long run would retry from each of its hyphens.
      .replace(/^-|-$/g, '')
      .slice(0, 64)
      .replace(/-$/, '')
  );
}
