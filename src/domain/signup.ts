/** Sign-up sheet vocabulary. */

export const signupStatuses = ['confirmed', 'waitlisted'] as const;
export type SignupStatus = (typeof signupStatuses)[number];

/** A newcomer is confirmed while the topic has room (no capacity means unlimited), else waits. */
export function signupStandingForNewcomer(capacity: number | null, confirmedCount: number): SignupStatus {
  return capacity === null || confirmedCount < capacity ? 'confirmed' : 'waitlisted';
}
