import { z } from 'zod';
import { MAX_SCORE, pollKinds, pollPhases } from '../domain/poll.ts';
import { abilitiesSchema, deprecatedFlag } from './abilities.ts';
import { isoInstant } from './time.ts';

const optionText = z.string().trim().min(1).max(200);
const id = z.string().min(1).max(100);
const MAX_OPTIONS = 200;

const sectionInput = z.object({
  title: z.string().trim().min(1).max(120),
  options: z.array(optionText).max(MAX_OPTIONS),
});

export const pollCreateSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(4000).optional(),
    kind: z.enum(pollKinds),
    /** Options grouped in sections (kind `sections` only). */
    sections: z.array(sectionInput).min(1).max(50).optional(),
    options: z.array(optionText).max(MAX_OPTIONS).optional(),
    maxPerSection: z.number().int().min(1).max(MAX_OPTIONS).optional(),
    minChoices: z.number().int().min(0).max(MAX_OPTIONS).optional(),
    maxChoices: z.number().int().min(1).max(MAX_OPTIONS).optional(),
    anonymous: z.boolean().default(false),
    hideResultsUntilClose: z.boolean().default(false),
    /** Start with a proposal phase: participants add options, then the organiser opens the vote. */
    proposals: z.boolean().default(false),
    opensAt: isoInstant.optional(),
    closesAt: isoInstant.optional(),
    sessionId: id.optional(),
  })
  .strict()
  .superRefine((poll, context) => {
    const issue = (path: string, message: string) =>
      context.addIssue({ code: 'custom', path: [path], message });
    if (poll.kind === 'sections') {
      if (!poll.sections) issue('sections', 'a sections poll needs sections');
      if (poll.options) issue('options', 'a sections poll takes its options inside sections');
    } else {
      if (poll.sections) issue('sections', 'only a sections poll has sections');
      if (poll.maxPerSection !== undefined)
        issue('maxPerSection', 'only a sections poll has a quota per section');
    }
    const count = poll.sections?.reduce((n, s) => n + s.options.length, 0) ?? poll.options?.length ?? 0;
    if (!poll.proposals && count < 2 && poll.kind !== 'score') issue('options', 'give at least two options');
    if (!poll.proposals && count < 1) issue('options', 'give at least one option');
    // A minimum nobody can reach would make a poll nobody can vote in.
    const quota = poll.maxPerSection;
    const reachable =
      poll.sections && quota !== undefined
        ? poll.sections.reduce((n, s) => n + Math.min(s.options.length, quota), 0)
        : count;
    const counted = poll.kind === 'multiple' || poll.kind === 'sections';
    if (counted && !poll.proposals && poll.minChoices !== undefined && poll.minChoices > reachable) {
      issue('minChoices', `at most ${reachable} option(s) can be chosen`);
    }
    if (count > MAX_OPTIONS) issue('options', `at most ${MAX_OPTIONS} options`);
    if (poll.minChoices !== undefined && poll.maxChoices !== undefined && poll.minChoices > poll.maxChoices) {
      issue('minChoices', 'must not exceed maxChoices');
    }
    if (poll.opensAt && poll.closesAt && Date.parse(poll.closesAt) <= Date.parse(poll.opensAt)) {
      issue('closesAt', 'must close after it opens');
    }
  });
export type PollCreateInput = z.infer<typeof pollCreateSchema>;

export const pollPatchSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(4000),
    hideResultsUntilClose: z.boolean(),
    closesAt: isoInstant.nullable(),
  })
  .partial()
  .strict();
export type PollPatchInput = z.infer<typeof pollPatchSchema>;

export const pollOptionCreateSchema = z.object({ text: optionText, sectionId: id.optional() }).strict();

export const pollOptionSchema = z.object({
  id: z.string(),
  text: z.string(),
  sectionId: z.string().nullable(),
});
export type PollOption = z.infer<typeof pollOptionSchema>;

export const pollSectionSchema = z.object({ id: z.string(), title: z.string() });

export const pollSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  kind: z.enum(pollKinds),
  /** `proposal` then `voting`; `closed` once closed by hand or past closesAt. */
  phase: z.enum(pollPhases),
  communityId: z.string(),
  communitySlug: z.string(),
  circleId: z.string().nullable(),
  circleName: z.string().nullable(),
  sessionId: z.string().nullable(),
  sections: z.array(pollSectionSchema),
  options: z.array(pollOptionSchema),
  maxPerSection: z.number().nullable(),
  minChoices: z.number().nullable(),
  maxChoices: z.number().nullable(),
  anonymous: z.boolean(),
  hideResultsUntilClose: z.boolean(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  voterCount: z.number(),
  /** What the viewer may do. */
  abilities: abilitiesSchema,
  canVote: deprecatedFlag('takePart (while the poll is voting)'),
  canOrganise: deprecatedFlag('steer'),
  canPropose: deprecatedFlag('takePart (while the poll takes proposals)'),
  resultsVisible: z.boolean(),
  hasVoted: z.boolean(),
});
export type Poll = z.infer<typeof pollSchema>;

export const pollSummarySchema = pollSchema.pick({
  id: true,
  title: true,
  kind: true,
  phase: true,
  circleId: true,
  sessionId: true,
  anonymous: true,
  closesAt: true,
  closedAt: true,
  createdAt: true,
  voterCount: true,
  hasVoted: true,
});
export type PollSummary = z.infer<typeof pollSummarySchema>;

const choiceIds = z.array(id).max(MAX_OPTIONS);
/** A receipt (anonymous polls): the secret that lets its holder, and only them, change their ballot. */
const receipt = z.string().min(20).max(200);

export const ballotPutSchema = z.union([
  z.object({ choices: choiceIds, receipt: receipt.optional() }).strict(),
  z.object({ ranking: choiceIds, receipt: receipt.optional() }).strict(),
  z
    .object({
      scores: z
        .record(id, z.number().int().min(0).max(MAX_SCORE))
        .refine((scores) => Object.keys(scores).length <= MAX_OPTIONS, 'too many scores'),
      receipt: receipt.optional(),
    })
    .strict(),
]);
export type BallotPutInput = z.infer<typeof ballotPutSchema>;

export const ballotSchema = z.object({
  choices: z.array(z.string()).optional(),
  ranking: z.array(z.string()).optional(),
  scores: z.record(z.string(), z.number()).optional(),
  /** Anonymous polls, first ballot only: keep it to change the ballot later; the server keeps a hash. */
  receipt: z.string().optional(),
});
export type Ballot = z.infer<typeof ballotSchema>;

export const myBallotSchema = z.object({ hasVoted: z.boolean(), ballot: ballotSchema.nullable() });
export type MyBallot = z.infer<typeof myBallotSchema>;

const optionResultSchema = z.object({
  id: z.string(),
  text: z.string(),
  count: z.number(),
  borda: z.number().optional(),
  total: z.number().optional(),
  average: z.number().nullable().optional(),
});
export type OptionResult = z.infer<typeof optionResultSchema>;

export const pollResultsSchema = z.object({
  pollId: z.string(),
  kind: z.enum(pollKinds),
  voters: z.number(),
  final: z.boolean(),
  options: z.array(optionResultSchema).optional(),
  sections: z
    .array(z.object({ id: z.string(), title: z.string(), options: z.array(optionResultSchema) }))
    .optional(),
  /** Ranking polls: the instant-runoff winner and each round's first preferences. */
  runoff: z
    .object({
      winner: z.string().nullable(),
      rounds: z.array(
        z.object({ counts: z.record(z.string(), z.number()), eliminated: z.string().nullable() }),
      ),
    })
    .optional(),
});
export type PollResults = z.infer<typeof pollResultsSchema>;
