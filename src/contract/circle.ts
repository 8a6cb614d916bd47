import { z } from 'zod';
import {
  circleJoinPolicies,
  circleKinds,
  circleMemberStatuses,
  circleMethods,
  circleRenewCarries,
  circleRoles,
  circleStatuses,
  circleVisibilities,
} from '../domain/circle.ts';
import { circleDecisionOutcomes } from '../domain/review.ts';
import { abilitiesSchema } from './abilities.ts';
import { optionalBody } from './optional-body.ts';
import { territoryCodesSchema } from './territory.ts';
import { publicUserSchema } from './user.ts';

/** Editable fields, without defaults: a default here would silently reset fields on every PATCH. */
const circleFields = {
  name: z.string().trim().min(2).max(120),
  kind: z.enum(circleKinds),
  method: z.enum(circleMethods).nullable(),
  description: z.string().trim().max(4000),
  intention: z.string().trim().max(2000),
  capacity: z.number().int().min(1).max(10000).nullable(),
  visibility: z.enum(circleVisibilities),
  status: z.enum(circleStatuses),
  joinPolicy: z.enum(circleJoinPolicies),
  /** Planned first and last day of the cycle; the last is not before the first. */
  startsOn: z.iso.date().nullable(),
  endsOn: z.iso.date().nullable(),
  /** Sessions planned in the cycle ("séance 3 sur 4"). */
  plannedSessions: z.number().int().min(1).max(200).nullable(),
};

/** A cycle's last day is not before its first (when both are given). */
const datesInOrder = (value: { startsOn?: string | null | undefined; endsOn?: string | null | undefined }) =>
  !value.startsOn || !value.endsOn || value.endsOn >= value.startsOn;
const datesIssue = { message: 'the end is before the start', path: ['endsOn'] };

export const circleCreateSchema = z
  .object({
    ...circleFields,
    method: circleFields.method.optional(),
    description: circleFields.description.optional(),
    intention: circleFields.intention.optional(),
    capacity: circleFields.capacity.optional(),
    visibility: circleFields.visibility.default('community'),
    status: circleFields.status.optional(),
    joinPolicy: circleFields.joinPolicy.optional(),
    startsOn: circleFields.startsOn.optional(),
    endsOn: circleFields.endsOn.optional(),
    plannedSessions: circleFields.plannedSessions.optional(),
  })
  .strict()
  .refine(datesInOrder, datesIssue);
export type CircleCreateInput = z.infer<typeof circleCreateSchema>;

export const circlePatchSchema = z
  .object({ ...circleFields, territoryCodes: territoryCodesSchema })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change')
  .refine(datesInOrder, datesIssue);
export type CirclePatch = z.infer<typeof circlePatchSchema>;

/** What a REX decided for the circle: renew, spread (déploiement), pause or end, with a note. */
export const circleDecisionPutSchema = z
  .object({
    outcome: z.enum(circleDecisionOutcomes),
    note: z.string().trim().max(4000).optional(),
  })
  .strict();
export type CircleDecisionPut = z.infer<typeof circleDecisionPutSchema>;

export const circleDecisionSchema = z
  .object({
    outcome: z.enum(circleDecisionOutcomes),
    note: z.string(),
    decidedAt: z.string(),
    decidedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: 'CircleDecision' });
export type CircleDecision = z.infer<typeof circleDecisionSchema>;

export const circleSchema = z
  .object({
    id: z.string(),
    communityId: z.string(),
    communitySlug: z.string(),
    communityName: z.string(),
    name: z.string(),
    kind: z.enum(circleKinds),
    method: z.enum(circleMethods).nullable(),
    description: z.string(),
    intention: z.string(),
    capacity: z.number().int().nullable(),
    visibility: z.enum(circleVisibilities),
    status: z.enum(circleStatuses),
    joinPolicy: z.enum(circleJoinPolicies),
    /** Participants holding a place; facilitators host the circle and use none. */
    memberCount: z.number().int(),
    facilitatorCount: z.number().int(),
    waitlistCount: z.number().int(),
    myStatus: z.enum(circleMemberStatuses).nullable(),
    myRole: z.enum(circleRoles).nullable(),
    abilities: abilitiesSchema,
    /** The last REX decision on the circle, for those who may read its content; null otherwise. */
    decision: circleDecisionSchema.nullable(),
    /** Régions ("R75") and départements ("33") where the circle works; none: national. */
    territoryCodes: z.array(z.string()),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    plannedSessions: z.number().int().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Circle' });
export type Circle = z.infer<typeof circleSchema>;

/** Joining for oneself, or (facilitators) adding a community member by id. */
export const circleJoinSchema = optionalBody(
  z.object({ userId: z.string().min(1).max(100).optional() }).strict(),
);
export const circleJoinResultSchema = z.object({ status: z.enum(circleMemberStatuses) });

export const circleMemberSchema = publicUserSchema
  .extend({
    role: z.enum(circleRoles),
    status: z.enum(circleMemberStatuses),
    /** 1-based place in the waitlist, null for members and requests. */
    waitlistPosition: z.number().int().nullable(),
    joinedAt: z.string(),
  })
  .meta({ id: 'CircleMember' });
export type CircleMember = z.infer<typeof circleMemberSchema>;

export const circleMemberPatchSchema = z
  .object({ role: z.enum(circleRoles), status: z.literal('member') })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');

/**
 * Renewing a circle: a new circle, the next cycle of this one, with its intention, description,
 * method and settings, the members chosen, and new dates.
 */
export const circleRenewSchema = z
  .object({
    name: circleFields.name.optional(),
    carry: z.enum(circleRenewCarries),
    startsOn: circleFields.startsOn.optional(),
    endsOn: circleFields.endsOn.optional(),
    plannedSessions: circleFields.plannedSessions.optional(),
  })
  .strict()
  .refine(datesInOrder, datesIssue);
export type CircleRenewInput = z.infer<typeof circleRenewSchema>;

/** A circle named from another one's page: only what its viewer may see of it. */
export const circleRefSchema = z.object({ id: z.string(), name: z.string() }).meta({ id: 'CircleRef' });
export type CircleRef = z.infer<typeof circleRefSchema>;

export const circleLinkCreateSchema = z
  .object({
    circleId: z.string().min(1).max(100),
    note: z.string().trim().max(300).default(''),
  })
  .strict();
export type CircleLinkCreateInput = z.infer<typeof circleLinkCreateSchema>;

/** A circle's place in time and among other circles, as its viewer may see them. */
export const circleRelationsSchema = z
  .object({
    previousCycle: circleRefSchema.nullable(),
    nextCycle: circleRefSchema.nullable(),
    related: z.array(z.object({ linkId: z.string(), note: z.string(), circle: circleRefSchema })),
  })
  .meta({ id: 'CircleRelations' });
export type CircleRelations = z.infer<typeof circleRelationsSchema>;
