import { z } from 'zod';
import { glossaryStatuses, isWebUrl } from '../domain/glossary.ts';
import { abilitiesSchema } from './abilities.ts';
import { pageQuerySchema } from './list.ts';
import { isoInstant } from './time.ts';

const id = z.string().min(1).max(100);
/** A term: one line, no control characters (it titles pages, exports and mails). */
const termSchema = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[^\p{Cc}]*$/u, 'one line, without control characters');
const markdown = (max: number) => z.string().trim().max(max);

export const glossarySourceSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    url: z.string().trim().max(2000).refine(isWebUrl, 'an http or https address'),
  })
  .strict();

export const glossaryCreateSchema = z.object({ term: termSchema }).strict();

/** An edit says which revision it was based on: a stale one is refused with the current entry. */
export const glossaryPatchSchema = z
  .object({
    baseRevision: z.number().int().min(1),
    term: termSchema.optional(),
    definition: markdown(20_000).optional(),
    argument: markdown(20_000).optional(),
    examples: z.array(z.string().trim().min(1).max(1000)).max(30).optional(),
    sources: z.array(glossarySourceSchema).max(30).optional(),
    relatedIds: z.array(id).max(30).optional(),
    status: z.enum(glossaryStatuses).optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).some((key) => key !== 'baseRevision'), 'nothing to change');
export type GlossaryPatch = z.infer<typeof glossaryPatchSchema>;

export const glossaryVoteCreateSchema = z
  .object({
    letters: z
      .array(
        z
          .string()
          .regex(/^([A-Za-z]|#)$/, 'one letter A–Z, or #')
          .transform((l) => l.toUpperCase()),
      )
      .min(1)
      .max(27),
    /** How many terms each letter keeps (at most that many choices per letter on a ballot). */
    perLetter: z.number().int().min(1).max(20),
    closesAt: isoInstant.optional(),
    anonymous: z.boolean().default(false),
  })
  .strict();
export type GlossaryVoteCreate = z.output<typeof glossaryVoteCreateSchema>;

export const glossaryRestoreSchema = z.object({ baseRevision: z.number().int().min(1) }).strict();

export const glossaryListQuerySchema = pageQuerySchema.extend({
  letter: z
    .string()
    .regex(/^([A-Za-z]|#)$/, 'one letter A–Z, or #')
    .transform((letter) => letter.toUpperCase())
    .optional(),
  status: z.enum(glossaryStatuses).optional(),
  q: z.string().trim().max(120).optional(),
});

const personSchema = z.object({ id: z.string(), name: z.string() });

export const glossaryEntrySummarySchema = z
  .object({
    id: z.string(),
    term: z.string(),
    letter: z.string(),
    status: z.enum(glossaryStatuses),
    /** Whether a definition is written yet ("définition à écrire" when not). */
    hasDefinition: z.boolean(),
    /** "Qui veut y travailler ?": the people signed up to write it. */
    writers: z.array(personSchema),
    writerCount: z.number().int(),
    revision: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'GlossaryEntrySummary' });
export type GlossaryEntrySummary = z.infer<typeof glossaryEntrySummarySchema>;

export const glossaryListSchema = z.object({
  items: z.array(glossaryEntrySummarySchema),
  nextCursor: z.string().nullable(),
  /** Entries per letter the viewer may see (before `letter`, `status` and `q`), for the A–Z index. */
  letters: z.array(z.object({ letter: z.string(), count: z.number().int() })),
  /** What the viewer may do on the glossary: takePart (propose a term), steer (open votes, publish). */
  abilities: abilitiesSchema,
});

export const glossaryEntrySchema = glossaryEntrySummarySchema
  .extend({
    communityId: z.string(),
    communitySlug: z.string(),
    definition: z.string(),
    argument: z.string(),
    examples: z.array(z.string()),
    sources: z.array(z.object({ title: z.string(), url: z.string() })),
    related: z.array(z.object({ id: z.string(), term: z.string() })),
    /** `[[Terme]]` in the definition and the argumentaire: the entry it names, or null ("to write"). */
    links: z.array(z.object({ term: z.string(), id: z.string().nullable() })),
    contributors: z.array(personSchema),
    /** The vote that selected it, with the votes it got (`tied`: kept as one of the terms tied at the cut). */
    vote: z.object({ pollId: z.string(), votes: z.number().int(), tied: z.boolean() }).nullable(),
    createdAt: z.string(),
    abilities: abilitiesSchema,
  })
  .meta({ id: 'GlossaryEntry' });
export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;

export const glossaryRevisionSchema = z
  .object({
    revision: z.number().int(),
    author: personSchema.nullable(),
    createdAt: z.string(),
    term: z.string(),
    status: z.enum(glossaryStatuses),
    definition: z.string(),
    argument: z.string(),
    examples: z.array(z.string()),
    sources: z.array(z.object({ title: z.string(), url: z.string() })),
    relatedIds: z.array(z.string()),
  })
  .meta({ id: 'GlossaryRevision' });
export type GlossaryRevision = z.infer<typeof glossaryRevisionSchema>;

declare module './live.ts' {
  interface LiveEvents {
    'glossary.entry.updated': { communityId: string; entryId: string; revision: number };
  }
}

/** What copying a parent's glossary into a branch did (decision 035); running it again copies nothing more. */
export const glossaryCopyResultSchema = z
  .object({
    /** Entries new in the branch's glossary. */
    copied: z.number().int(),
    /** Selected or published terms of the parent the branch already had (same term, accents and case ignored). */
    skipped: z.number().int(),
  })
  .meta({ id: 'GlossaryCopyResult' });
export type GlossaryCopyResult = z.infer<typeof glossaryCopyResultSchema>;
