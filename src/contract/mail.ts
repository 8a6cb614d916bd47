import { z } from 'zod';
import { pageOf, pageQuerySchema } from './list.ts';

/** all: every mail; digest: only the Monday digest; none: only account mails (sign-in, reset). */
export const mailPreferences = ['all', 'digest', 'none'] as const;
export type MailPreferenceValue = (typeof mailPreferences)[number];

export const mailPreferenceSchema = z
  .object({ preference: z.enum(mailPreferences) })
  .strict()
  .meta({ id: 'MailPreference' });
export type MailPreferenceDto = z.infer<typeof mailPreferenceSchema>;

/**
 * What the unsubscribe page shows to whoever holds the link (the address, partly hidden; empty
 * once a guest's address is forgotten). `guest`: the link is a date poll guest's, who has no
 * account; unsubscribing forgets the address they left on their answer.
 */
export const unsubscribeInfoSchema = z
  .object({
    maskedEmail: z.string(),
    preference: z.enum(mailPreferences),
    guest: z.boolean().optional(),
    /** A newsletter's link: it turns off newsletters only (`newsletters` says whether they are on). */
    newsletter: z.boolean().optional(),
    newsletters: z.boolean().optional(),
  })
  .meta({ id: 'UnsubscribeInfo' });

/** The page's button may choose the digest instead; a bare POST (one-click) means none. */
export const unsubscribeBodySchema = z
  .object({ preference: z.enum(['digest', 'none']).default('none') })
  .strict()
  .nullish()
  .transform((body) => body ?? { preference: 'none' as const });

/** Hours before a session its reminder goes; null switches reminders off for the circle. */
export const circleRemindersSchema = z
  .object({ reminderHours: z.number().int().min(1).max(168).nullable() })
  .strict()
  .meta({ id: 'CircleReminders' });
export type CircleReminders = z.infer<typeof circleRemindersSchema>;

export const jobStatuses = ['pending', 'running', 'done', 'failed'] as const;

export const jobSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    key: z.string().nullable(),
    status: z.enum(jobStatuses),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    runAt: z.string(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Job' });
export type Job = z.infer<typeof jobSchema>;

export const jobListQuerySchema = pageQuerySchema.extend({ status: z.enum(jobStatuses).default('failed') });

export const jobListSchema = pageOf(jobSchema).extend({
  counts: z.object({ pending: z.number(), running: z.number(), done: z.number(), failed: z.number() }),
});
export type JobList = z.infer<typeof jobListSchema>;
