import { z } from 'zod';
import { abilitiesSchema } from './abilities.ts';
import { optionalBody } from './optional-body.ts';
import { oneLine } from './text.ts';

/**
 * Challenges (défis) and roles of an event. A challenge is a question carried by named people, with
 * teams that people join and an outcome written at the end; a role is a duty ("Porter la Riposte le
 * jour J") that a number of members take. Names of carriers, team members and takers are member
 * data: they reach the community's members and admins only, others see counts.
 */

export const MAX_CHALLENGES_PER_EVENT = 50;
export const MAX_TEAMS_PER_CHALLENGE = 100;
export const MAX_CARRIERS = 20;
export const MAX_ROLES_PER_EVENT = 100;
export const MAX_TEAM_CAPACITY = 1000;
export const MAX_ROLE_NEEDED = 1000;

const id = z.string().min(1).max(100);
/** Markdown, rendered sanitised. */
const markdown = (max: number) => z.string().trim().max(max);
const carrierIds = z
  .array(id)
  .max(MAX_CARRIERS)
  .refine((ids) => new Set(ids).size === ids.length, 'each person once');

export const challengeCreateSchema = z
  .object({
    question: oneLine(300),
    description: markdown(10_000).default(''),
    /** People carrying the question: active members of the event's community. */
    carrierIds: carrierIds.default([]),
    /** How many people a team holds (absent: no limit). */
    teamCapacity: z.number().int().min(1).max(MAX_TEAM_CAPACITY).optional(),
  })
  .strict();
export type ChallengeCreateInput = z.output<typeof challengeCreateSchema>;

export const challengePatchSchema = z
  .object({
    question: oneLine(300),
    description: markdown(10_000),
    carrierIds,
    teamCapacity: z.number().int().min(1).max(MAX_TEAM_CAPACITY).nullable(),
    /** What came of it, written at the end (null: not yet). */
    outcome: markdown(20_000).nullable(),
  })
  .partial()
  .strict();
export type ChallengePatchInput = z.output<typeof challengePatchSchema>;

export const teamCreateSchema = z.object({ name: oneLine(120) }).strict();
/** Join a given team, or (without `teamId`) the first one with room, a new one when all are full. */
export const teamJoinSchema = optionalBody(z.object({ teamId: id.optional() }).strict());

export const personSchema = z.object({ id: z.string(), name: z.string() });
export type PersonDto = z.infer<typeof personSchema>;

export const teamSchema = z.object({
  id: z.string(),
  /** Its number in the challenge (1, 2, …): the name to show when `name` is empty. */
  number: z.number().int(),
  name: z.string(),
  memberCount: z.number().int(),
  /** The challenge's team capacity (null: no limit). */
  capacity: z.number().int().nullable(),
  /** Who is in it: community members and admins only (others get null). */
  members: z.array(personSchema).nullable(),
});
export type TeamDto = z.infer<typeof teamSchema>;

export const challengeSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  question: z.string(),
  description: z.string(),
  /** Who carries it: names for community members and admins only (others get an empty list). */
  carriers: z.array(personSchema),
  carrierCount: z.number().int(),
  /** Whether the viewer carries it. */
  iCarry: z.boolean(),
  teamCapacity: z.number().int().nullable(),
  teams: z.array(teamSchema),
  /** The viewer's team, if they joined one. */
  myTeamId: z.string().nullable(),
  outcome: z.string().nullable(),
  /** takePart: join a team; steer: edit it, add teams, write the outcome (carriers, organisers). */
  abilities: abilitiesSchema,
});
export type ChallengeDto = z.infer<typeof challengeSchema>;

export const roleCreateSchema = z
  .object({
    title: oneLine(200),
    description: markdown(5000).default(''),
    /** How many people the duty needs. */
    needed: z.number().int().min(1).max(MAX_ROLE_NEEDED),
  })
  .strict();
export type RoleCreateInput = z.output<typeof roleCreateSchema>;

export const rolePatchSchema = z
  .object({
    title: oneLine(200),
    description: markdown(5000),
    needed: z.number().int().min(1).max(MAX_ROLE_NEEDED),
  })
  .partial()
  .strict();
export type RolePatchInput = z.output<typeof rolePatchSchema>;

export const roleSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  title: z.string(),
  description: z.string(),
  needed: z.number().int(),
  takenCount: z.number().int(),
  /** Who took it: community members and admins only (others get an empty list). */
  takers: z.array(personSchema),
  iTakeIt: z.boolean(),
  /** takePart: take or release it (the community's members); steer: edit or delete it. */
  abilities: abilitiesSchema,
});
export type RoleDto = z.infer<typeof roleSchema>;
