import type { Timestamp } from '../../db/schema.ts';

/** A challenge (défi) of an event: a question carried by named people, teams, an outcome. */
export interface EventChallengesTable {
  id: string;
  eventId: string;
  question: string;
  /** Markdown, sanitised when rendered. */
  description: string;
  /** How many people a team holds; null: no limit. */
  teamCapacity: number | null;
  /** Markdown, written at the end; null until then. */
  outcome: string | null;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** Who carries a challenge: active members of the event's community, in the order given. */
export interface EventChallengeCarriersTable {
  challengeId: string;
  userId: string;
  position: number;
}

/** A team of a challenge; `number` (1, 2, …) names it when `name` is empty. */
export interface EventChallengeTeamsTable {
  id: string;
  challengeId: string;
  number: number;
  name: string;
  createdAt: Timestamp;
}

/** One person's team in a challenge (one per person per challenge, by primary key). */
export interface EventChallengeMembersTable {
  challengeId: string;
  userId: string;
  teamId: string;
  joinedAt: Timestamp;
}

/** A duty of an event ("Porter la Riposte le jour J") and how many people it needs. */
export interface EventRolesTable {
  id: string;
  eventId: string;
  title: string;
  description: string;
  needed: number;
  createdBy: string | null;
  createdAt: Timestamp;
}

/** A member who took a role. */
export interface EventRoleTakersTable {
  roleId: string;
  userId: string;
  takenAt: Timestamp;
}

declare module '../../db/schema.ts' {
  interface DB {
    eventChallenges: EventChallengesTable;
    eventChallengeCarriers: EventChallengeCarriersTable;
    eventChallengeTeams: EventChallengeTeamsTable;
    eventChallengeMembers: EventChallengeMembersTable;
    eventRoles: EventRolesTable;
    eventRoleTakers: EventRoleTakersTable;
  }
}
