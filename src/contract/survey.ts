import { z } from 'zod';
import {
  DEFAULT_MIN_RESPONDENTS,
  LOWEST_MIN_RESPONDENTS,
  MAX_TEXT_ANSWER,
  questionKinds,
  surveyAudiences,
} from '../domain/survey.ts';
import { abilitiesSchema } from './abilities.ts';
import { oneLine } from './text.ts';
import { isoInstant } from './time.ts';

const id = z.string().min(1).max(100);

export const MAX_QUESTIONS = 60;
export const MAX_OPTIONS = 20;

/** A question as written by its author; the server gives it and its options their ids. */
export const questionInputSchema = z
  .object({
    kind: z.enum(questionKinds),
    text: oneLine(500),
    /** The heading of the section the question belongs to; consecutive questions share it. */
    section: oneLine(200).optional(),
    required: z.boolean().default(false),
    /** single, multiple: the options' texts (2 to 20, distinct). */
    options: z.array(oneLine(300)).max(MAX_OPTIONS).optional(),
    /** scale only (1–5 by default, within 0–10); nps is always 0–10. */
    min: z.number().int().min(0).max(10).optional(),
    max: z.number().int().min(0).max(10).optional(),
    minLabel: oneLine(100).optional(),
    maxLabel: oneLine(100).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const choice = q.kind === 'single' || q.kind === 'multiple';
    if (choice) {
      const options = q.options ?? [];
      if (options.length < 2)
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'at least two options' });
      if (new Set(options.map((o) => o.toLocaleLowerCase('fr'))).size !== options.length) {
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'options must differ' });
      }
    } else if (q.options !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'only choice questions have options' });
    }
    if (q.kind !== 'scale' && (q.min !== undefined || q.max !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'only scale questions set their range' });
    }
    if (q.kind === 'scale' && (q.min ?? 1) >= (q.max ?? 5)) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'must be above min' });
    }
    if (q.kind !== 'scale' && q.kind !== 'nps' && (q.minLabel !== undefined || q.maxLabel !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['minLabel'],
        message: 'only scale and nps questions have end labels',
      });
    }
  });
export type QuestionInput = z.output<typeof questionInputSchema>;

export const surveyCreateSchema = z
  .object({
    title: oneLine(200),
    description: z.string().trim().max(5000).optional(),
    /** A built-in template (`circle-evaluation`, …) or one of the community's: its questions are copied. */
    templateId: id.optional(),
    /** No link between a person and their answers anywhere: only "has answered" (default). */
    anonymous: z.boolean().default(true),
    audience: z.enum(surveyAudiences),
    /** The session whose listed people answer (audience `participants`), or that it follows. */
    sessionId: id.optional(),
    opensAt: isoInstant.optional(),
    closesAt: isoInstant.optional(),
    /** Anonymous results are shown from this many respondents. */
    minRespondents: z.number().int().min(LOWEST_MIN_RESPONDENTS).max(1000).default(DEFAULT_MIN_RESPONDENTS),
    questions: z.array(questionInputSchema).min(1).max(MAX_QUESTIONS).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (!s.templateId && !s.questions) {
      ctx.addIssue({
        code: 'custom',
        path: ['questions'],
        message: 'questions, or a template to copy them from',
      });
    }
    if (s.audience === 'participants' && !s.sessionId) {
      ctx.addIssue({ code: 'custom', path: ['sessionId'], message: 'a session, whose participants answer' });
    }
    if (s.opensAt && s.closesAt && Date.parse(s.closesAt) <= Date.parse(s.opensAt)) {
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'must be after it opens' });
    }
  });
export type SurveyCreate = z.output<typeof surveyCreateSchema>;

/** What the organiser may change; the questions only while nobody has answered. */
export const surveyPatchSchema = z
  .object({
    title: oneLine(200).optional(),
    description: z.string().trim().max(5000).optional(),
    opensAt: isoInstant.nullable().optional(),
    closesAt: isoInstant.nullable().optional(),
    minRespondents: z.number().int().min(LOWEST_MIN_RESPONDENTS).max(1000).optional(),
    questions: z.array(questionInputSchema).min(1).max(MAX_QUESTIONS).optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
export type SurveyPatch = z.output<typeof surveyPatchSchema>;

/** number (scale, nps), an option id (single), option ids (multiple), or a text. */
export const answerValueSchema = z.union([
  z.number(),
  z.string().max(MAX_TEXT_ANSWER + 1000),
  z.array(id).max(MAX_OPTIONS),
]);
export const answersSchema = z
  .array(z.object({ questionId: id, value: answerValueSchema }).strict())
  .max(MAX_QUESTIONS);
export const responsePutSchema = z.object({ answers: answersSchema }).strict();
export const guestResponseCreateSchema = z
  .object({
    /** The share link's token. */
    token: z.string().min(10).max(200),
    /** A named questionnaire asks who answers; an anonymous one never stores it. */
    name: oneLine(100).optional(),
    answers: answersSchema,
  })
  .strict();

const optionSchema = z.object({ id: z.string(), text: z.string() });
export const surveyQuestionSchema = z
  .object({
    id: z.string(),
    kind: z.enum(questionKinds),
    text: z.string(),
    section: z.string().nullable(),
    required: z.boolean(),
    options: z.array(optionSchema),
    min: z.number().int().nullable(),
    max: z.number().int().nullable(),
    minLabel: z.string().nullable(),
    maxLabel: z.string().nullable(),
  })
  .meta({ id: 'SurveyQuestion' });
export type SurveyQuestionDto = z.infer<typeof surveyQuestionSchema>;

export const answerSchema = z.object({ questionId: z.string(), value: answerValueSchema });
export type AnswerDto = z.infer<typeof answerSchema>;

export const surveySummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    communityId: z.string(),
    communitySlug: z.string(),
    circleId: z.string().nullable(),
    circleName: z.string().nullable(),
    sessionId: z.string().nullable(),
    templateId: z.string().nullable(),
    anonymous: z.boolean(),
    audience: z.enum(surveyAudiences),
    opensAt: z.string().nullable(),
    closesAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    state: z.enum(['scheduled', 'open', 'closed']),
    respondents: z.number().int(),
    /** Whether the viewer has answered (never which answers are theirs in an anonymous one). */
    answered: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'SurveySummary' });
export type SurveySummary = z.infer<typeof surveySummarySchema>;

export const surveySchema = surveySummarySchema
  .extend({
    description: z.string(),
    sessionTitle: z.string().nullable(),
    minRespondents: z.number().int(),
    questions: z.array(surveyQuestionSchema),
    /** The link to give guests (audience `link`), for those who steer. */
    shareUrl: z.string().nullable(),
    /** takePart: answer now; steer: edit, close, remind, read the CSV. */
    abilities: abilitiesSchema,
  })
  .meta({ id: 'Survey' });
export type SurveyDto = z.infer<typeof surveySchema>;

export const myResponseSchema = z.object({
  answers: z.array(answerSchema),
  /** Anonymous questionnaires: the receipt given with the first answers; send it back to change them. */
  receipt: z.string().nullable(),
});
export type MyResponse = z.infer<typeof myResponseSchema>;

export const guestResponseSchema = z.object({
  /** Keep it: the private link to change these answers while the questionnaire is open. */
  editToken: z.string(),
  editUrl: z.string(),
  answers: z.array(answerSchema),
});
export const guestResponseReadSchema = z.object({ survey: surveySchema, answers: z.array(answerSchema) });

export const questionResultSchema = z
  .object({
    id: z.string(),
    kind: z.enum(questionKinds),
    count: z.number().int(),
    mean: z.number().nullable().optional(),
    median: z.number().nullable().optional(),
    nps: z.number().int().nullable().optional(),
    distribution: z.array(z.object({ value: z.number().int(), count: z.number().int() })).optional(),
    options: z.array(z.object({ id: z.string(), text: z.string(), count: z.number().int() })).optional(),
    /** Free texts; in a random order for an anonymous questionnaire. */
    texts: z.array(z.string()).optional(),
  })
  .meta({ id: 'SurveyQuestionResult' });
export type QuestionResultDto = z.infer<typeof questionResultSchema>;

export const surveyResultsSchema = z
  .object({
    respondents: z.number().int(),
    /**
     * Why the figures are not given: `open` (an anonymous questionnaire shows them once closed),
     * `threshold` (fewer respondents than `minRespondents`); then `questions` is empty.
     */
    withheld: z.enum(['open', 'threshold']).nullable(),
    minRespondents: z.number().int(),
    questions: z.array(questionResultSchema),
  })
  .meta({ id: 'SurveyResults' });
export type SurveyResultsDto = z.infer<typeof surveyResultsSchema>;

export const surveyTemplateSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    builtIn: z.boolean(),
    communityId: z.string().nullable(),
    questions: z.array(surveyQuestionSchema),
  })
  .meta({ id: 'SurveyTemplate' });
export type SurveyTemplateDto = z.infer<typeof surveyTemplateSchema>;

/** Keeps a questionnaire's questions as a community template, under its title unless another is given. */
export const surveyTemplateCreateSchema = z
  .object({ title: oneLine(200).optional(), description: z.string().trim().max(5000).optional() })
  .strict();

export const surveyComparisonSchema = z.object({
  template: z.object({ id: z.string(), title: z.string() }),
  /** The questionnaires made from the template that the viewer may read, oldest first. */
  surveys: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      circleName: z.string().nullable(),
      state: z.enum(['scheduled', 'open', 'closed']),
      results: surveyResultsSchema,
    }),
  ),
  /** The questions they share (by id), in the template's order. */
  questions: z.array(surveyQuestionSchema),
});
export type SurveyComparison = z.infer<typeof surveyComparisonSchema>;

declare module './live.ts' {
  interface LiveEvents {
    /** Someone answered (or changed their answers): the count only, never who. */
    'survey.responded': { surveyId: string; respondents: number };
    'survey.updated': { surveyId: string };
  }
}
