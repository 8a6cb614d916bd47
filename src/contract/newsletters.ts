import { z } from 'zod';
import { abilitiesSchema } from './abilities.ts';
import { pageQuerySchema } from './list.ts';
import { oneLine } from './text.ts';

const id = z.string().min(1).max(100);

/** One "À communiquer" item flagged in a session: what must be told to the wider community. */
export const communicationCreateSchema = z
  .object({ text: z.string().trim().min(1).max(2000) })
  .strict()
  .meta({ id: 'CommunicationCreate' });

export const communicationSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    sessionId: z.string(),
    sessionTitle: z.string(),
    sessionStartsAt: z.string(),
    circleId: z.string(),
    circleName: z.string(),
    /** Null for items flagged before authors were kept, or whose author's account is gone. */
    author: z.object({ id: z.string(), name: z.string() }).nullable(),
    createdAt: z.string().nullable(),
    /** Whether a newsletter of the community (draft or sent) already carries it. */
    usedInNewsletter: z.boolean(),
  })
  .meta({ id: 'Communication' });
export type Communication = z.infer<typeof communicationSchema>;

export const communicationListSchema = z
  .object({ items: z.array(communicationSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'CommunicationList' });

const subject = oneLine(200);
const body = z.string().max(20_000);
const itemIds = z.array(id).max(100);

export const newsletterCreateSchema = z
  .object({ subject, body: body.default(''), itemIds: itemIds.default([]) })
  .strict()
  .meta({ id: 'NewsletterCreate' });

/** Edits a draft; `itemIds`, when given, replaces the chosen items in that order. */
export const newsletterPatchSchema = z
  .object({ subject: subject.optional(), body: body.optional(), itemIds: itemIds.optional() })
  .strict()
  .meta({ id: 'NewsletterPatch' });

export const newsletterStatuses = ['draft', 'sent'] as const;

export const newsletterItemSchema = z.object({
  announcementId: z.string().nullable(),
  text: z.string(),
  sessionTitle: z.string(),
  circleName: z.string(),
});

export const newsletterSchema = z
  .object({
    id: z.string(),
    communitySlug: z.string(),
    communityName: z.string(),
    subject: z.string(),
    body: z.string(),
    status: z.enum(newsletterStatuses),
    items: z.array(newsletterItemSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
    sentAt: z.string().nullable(),
    recipientCount: z.number().int().nullable(),
    abilities: abilitiesSchema,
  })
  .meta({ id: 'Newsletter' });
export type Newsletter = z.infer<typeof newsletterSchema>;

export const newsletterSummarySchema = z.object({
  id: z.string(),
  subject: z.string(),
  status: z.enum(newsletterStatuses),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type NewsletterSummary = z.infer<typeof newsletterSummarySchema>;

export const newsletterListSchema = z
  .object({ items: z.array(newsletterSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'NewsletterList' });

/** Sent letters for their readers; `draft` lists the drafts (animators and admins only). */
export const newsletterListQuerySchema = pageQuerySchema.extend({
  status: z.enum(newsletterStatuses).default('sent'),
});

/** The mail exactly as a recipient would get it (their name and links aside). */
export const newsletterPreviewSchema = z
  .object({ subject: z.string(), html: z.string(), text: z.string() })
  .meta({ id: 'NewsletterPreview' });

/** A community's newsletter settings: a public archive is read without an account and has an Atom feed. */
export const newsletterSettingsSchema = z
  .object({ publicArchive: z.boolean() })
  .strict()
  .meta({ id: 'NewsletterSettings' });

/** Whether I receive the newsletters of my communities (mail preference "none" stops them too). */
export const newsletterPreferenceSchema = z
  .object({ accepts: z.boolean() })
  .strict()
  .meta({ id: 'NewsletterPreference' });
