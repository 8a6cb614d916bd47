import { z } from 'zod';

/** Free text an admin writes (shown as plain text with its line breaks and links, never as HTML). */
const pageText = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^(?:[^\p{Cc}]|[\t\n\r])*$/u, 'no control characters but tabs and line breaks')
    .default('');

/** État de conformité of the RGAA statement. */
export const conformityLevels = ['none', 'partial', 'full'] as const;
export type ConformityLevel = (typeof conformityLevels)[number];

/**
 * The fields of the déclaration d'accessibilité in the RGAA form (the DINUM model): what is left
 * empty is filled with the defaults the page shows (web/features/legal).
 */
export const accessibilityStatementSchema = z.object({
  conformity: z.enum(conformityLevels).default('none'),
  /** Taux de conformité measured by the audit, when there was one. */
  complianceRate: z.number().min(0).max(100).nullable().default(null),
  auditedBy: pageText(300),
  nonConformities: pageText(10_000),
  derogations: pageText(5_000),
  exemptContent: pageText(5_000),
  /** Date de l'établissement de la déclaration (YYYY-MM-DD), or empty. */
  establishedOn: z.union([z.iso.date(), z.literal('')]).default(''),
  technologies: pageText(1_000),
  testEnvironment: pageText(2_000),
  feedbackContact: pageText(2_000),
});
export type AccessibilityStatement = z.infer<typeof accessibilityStatementSchema>;

/** What an instance says about itself on its public pages; edited by its admins. */
export const instanceSettingsSchema = z
  .object({
    name: z.string().trim().min(1).max(100).default('Archipel'),
    contactEmail: z.union([z.email().max(254), z.literal('')]).default(''),
    /** Mentions légales: publisher, director of publication, host. */
    legalNotice: pageText(20_000),
    /** Added below the built-in list of what is kept on the privacy page. */
    privacyText: pageText(20_000),
    accessibility: accessibilityStatementSchema.default(accessibilityStatementSchema.parse({})),
  })
  .meta({ id: 'InstanceSettings' });
export type InstanceSettings = z.infer<typeof instanceSettingsSchema>;

/** What the privacy page states the instance keeps and for how long (from the server's own settings). */
export const retentionFactsSchema = z.object({
  sessionDays: z.number().int(),
  auditRetentionDays: z.number().int(),
  inactiveMonths: z.number().int(),
  inactiveWarningDays: z.number().int(),
  idempotencyHours: z.number().int(),
  finishedJobsDays: z.number().int(),
});
export type RetentionFacts = z.infer<typeof retentionFactsSchema>;

export const instanceInfoSchema = z
  .object({ settings: instanceSettingsSchema, retention: retentionFactsSchema })
  .meta({ id: 'InstanceInfo' });
export type InstanceInfo = z.infer<typeof instanceInfoSchema>;
