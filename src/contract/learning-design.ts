import { z } from 'zod';
import { MAX_SEQUENCE_MINUTES, MAX_SEQUENCES } from '../domain/learning-design.ts';
import { abilitiesSchema } from './abilities.ts';
import { timeZone } from './time.ts';

const line = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'one line, without control characters');
const text = (max: number) => z.string().trim().max(max);

/** One timed part of a design: what happens, how long, how, with what, led by whom. */
export const learningSequenceSchema = z
  .object({
    title: line(300).min(1),
    minutes: z.number().int().min(1).max(MAX_SEQUENCE_MINUTES),
    method: text(2000).optional(),
    materials: text(2000).optional(),
    /** Who leads it, in words ("facilitatrice", "binômes"): a role, not an account. */
    lead: line(200).optional(),
  })
  .strict();
export type LearningSequence = z.infer<typeof learningSequenceSchema>;

const designFields = {
  title: line(200).min(1),
  objectives: z.array(line(500).min(1)).max(30),
  audience: text(2000),
  sequences: z.array(learningSequenceSchema).min(1).max(MAX_SEQUENCES),
};

export const learningDesignCreateSchema = z
  .object({ ...designFields, audience: designFields.audience.optional() })
  .strict();
export type LearningDesignCreate = z.infer<typeof learningDesignCreateSchema>;

/** Lists (objectives, sequences) are replaced whole. */
export const learningDesignPatchSchema = z
  .object(designFields)
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
export type LearningDesignPatch = z.infer<typeof learningDesignPatchSchema>;

const sequenceDto = z.object({
  title: z.string(),
  minutes: z.number().int(),
  method: z.string(),
  materials: z.string(),
  lead: z.string(),
});

const designSummaryFields = z.object({
  id: z.string(),
  communityId: z.string(),
  title: z.string(),
  audience: z.string(),
  sequenceCount: z.number().int(),
  /** The sum of the sequences' minutes. */
  totalMinutes: z.number().int(),
  updatedAt: z.string(),
});

export const learningDesignSummarySchema = designSummaryFields
  .extend({
    /** A design of the community's parent, listed in a branch's library: read-only there (decision 035). */
    fromParent: z.boolean(),
  })
  .meta({ id: 'LearningDesignSummary' });
export type LearningDesignSummary = z.infer<typeof learningDesignSummarySchema>;

export const learningDesignSchema = designSummaryFields
  .extend({
    communitySlug: z.string(),
    objectives: z.array(z.string()),
    sequences: z.array(sequenceDto),
    createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    createdAt: z.string(),
    abilities: abilitiesSchema,
  })
  .meta({ id: 'LearningDesign' });
export type LearningDesign = z.infer<typeof learningDesignSchema>;

/**
 * "Plan a session from this design": the session starts at `startsAt`, a wall-clock time in
 * `timeZone` ("2026-09-14T14:00"), and its agenda is the design's sequences laid end to end.
 */
export const learningDesignPlanSchema = z
  .object({
    circleId: z.string().min(1).max(100),
    startsAt: z.iso.datetime({ local: true }).refine((value) => {
      const year = Number(value.slice(0, 4));
      return year >= 1970 && year <= 9998;
    }, 'a date between the years 1970 and 9998'),
    timeZone: timeZone.default('Europe/Paris'),
    /** The session's title; the design's title by default. */
    title: line(200).min(1).optional(),
  })
  .strict();
export type LearningDesignPlan = z.infer<typeof learningDesignPlanSchema>;
