import { z } from 'zod';
import { signupStatuses } from '../domain/signup.ts';
import { abilitiesSchema, deprecatedFlag } from './abilities.ts';
import { circleSchema } from './circle.ts';

const text = (max: number) => z.string().trim().max(max);

export const signupSheetCreateSchema = z
  .object({
    title: text(200).min(1),
    topics: z
      .array(
        z
          .object({
            title: text(200).min(1),
            /** Places; left out (or null) for no limit. */
            capacity: z.number().int().min(1).max(10000).nullish(),
          })
          .strict(),
      )
      .min(1)
      .max(50),
  })
  .strict();
export type SignupSheetCreateInput = z.infer<typeof signupSheetCreateSchema>;

export const signupSheetPatchSchema = z.object({ title: text(200).min(1) }).strict();

export const signupEntryCreateSchema = z.object({ note: text(500).optional() }).strict();

export const signupEntrySchema = z.object({
  userId: z.string(),
  name: z.string(),
  status: z.enum(signupStatuses),
  note: z.string(),
  /** 1 for the first person waiting; null when confirmed. */
  waitlistPosition: z.number().int().nullable(),
});

export const signupTopicSchema = z.object({
  id: z.string(),
  title: z.string(),
  capacity: z.number().int().nullable(),
  confirmedCount: z.number().int(),
  waitlistCount: z.number().int(),
  entries: z.array(signupEntrySchema),
  myStatus: z.enum(signupStatuses).nullable(),
  workingGroupId: z.string().nullable(),
});
export type SignupTopic = z.infer<typeof signupTopicSchema>;

export const signupSheetSchema = z
  .object({
    id: z.string(),
    circleId: z.string(),
    circleName: z.string(),
    title: z.string(),
    organiserName: z.string().nullable(),
    topics: z.array(signupTopicSchema),
    abilities: abilitiesSchema,
    canSignUp: deprecatedFlag('takePart'),
    canManage: deprecatedFlag('steer'),
    createdAt: z.string(),
  })
  .meta({ id: 'SignupSheet' });
export type SignupSheet = z.infer<typeof signupSheetSchema>;

export const signupSheetSummarySchema = z
  .object({
    id: z.string(),
    circleId: z.string(),
    title: z.string(),
    topicCount: z.number().int(),
    entryCount: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'SignupSheetSummary' });
export type SignupSheetSummary = z.infer<typeof signupSheetSummarySchema>;

export const signupResultSchema = z.object({ status: z.enum(signupStatuses) });
export const workingGroupCreatedSchema = z.object({ circle: circleSchema });
