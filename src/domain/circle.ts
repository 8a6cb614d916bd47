/** Circle vocabulary and the pure rules of circle membership. */

export const circleKinds = ['learning_circle', 'working_group', 'animation_team'] as const;
export type CircleKind = (typeof circleKinds)[number];

export const circleMethods = [
  'codev',
  'arpentage',
  'behavioural_sciences',
  'boussole',
  'open_space',
  'free',
] as const;
export type CircleMethod = (typeof circleMethods)[number];

export const circleVisibilities = ['public', 'community', 'private'] as const;
export type CircleVisibility = (typeof circleVisibilities)[number];

export const circleStatuses = ['forming', 'active', 'closed'] as const;
export type CircleStatus = (typeof circleStatuses)[number];

export const circleJoinPolicies = ['open', 'request'] as const;
export type CircleJoinPolicy = (typeof circleJoinPolicies)[number];

export const circleRoles = ['facilitator', 'member'] as const;
export type CircleRole = (typeof circleRoles)[number];

export const circleMemberStatuses = ['member', 'waitlisted', 'requested'] as const;
export type CircleMemberStatus = (typeof circleMemberStatuses)[number];

/** Whom a circle's next cycle carries: every member, those present at one of its sessions, nobody. */
export const circleRenewCarries = ['all', 'attended', 'none'] as const;
export type CircleRenewCarry = (typeof circleRenewCarries)[number];

/** From the widest audience to the narrowest. */
const audience: Record<CircleVisibility, number> = { public: 2, community: 1, private: 0 };

/** Whether someone who could see the circle before may no longer see it now. */
export function isNarrowerVisibility(before: CircleVisibility, after: CircleVisibility): boolean {
  return audience[after] < audience[before];
}

/**
 * The standing a newcomer gets when asking to join. `memberCount` counts participants holding a
 * place (facilitators host and take none); it must be read under the same lock as the write that
 * follows, or two joins could both take the last place.
 */
export function standingForNewcomer(input: {
  joinPolicy: CircleJoinPolicy;
  capacity: number | null;
  memberCount: number;
  isFacilitatorAdding: boolean;
}): CircleMemberStatus {
  if (input.joinPolicy === 'request' && !input.isFacilitatorAdding) return 'requested';
  if (input.capacity !== null && input.memberCount >= input.capacity) return 'waitlisted';
  return 'member';
}

/** How many waitlisted people can be promoted now that places may have freed. */
export function freePlaces(capacity: number | null, memberCount: number, waiting: number): number {
  if (capacity === null) return waiting;
  return Math.max(0, Math.min(waiting, capacity - memberCount));
}
