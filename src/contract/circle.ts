import { z } from 'zod';
import {
  circleJoinPolicies,
  circleKinds,
  circleMemberStatuses,
  circleMethods,
  circleRoles,
  circleStatuses,
  circleVisibilities,
} from '../domain/circle.ts';
import { publicUserSchema } from './user.ts';

export const circleCreateSchema = z
  .object({
    name: z.string().trim().min(2).max(120),
    kind: z.enum(circleKinds),
    method: z.enum(circleMethods).optional(),
    description: z.string().trim().max(4000).optional(),
    intention: z.string().trim().max(2000).optional(),
    capacity: z.number().int().min(1).max(10000).nullable().optional(),
    visibility: z.enum(circleVisibilities).default('community'),
    status: z.enum(circleStatuses).optional(),
    joinPolicy: z.enum(circleJoinPolicies).optional(),
  })
  .strict();
export type CircleCreateInput = z.infer<typeof circleCreateSchema>;

export const circlePatchSchema = circleCreateSchema
  .extend({ method: z.enum(circleMethods).nullable() })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
export type CirclePatch = z.infer<typeof circlePatchSchema>;

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
    createdAt: z.string(),
  })
  .meta({ id: 'Circle' });
export type Circle = z.infer<typeof circleSchema>;

/** Joining for oneself, or (facilitators) adding a community member by id. */
export const circleJoinSchema = z.object({ userId: z.string().min(1).max(100).optional() }).strict();
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
