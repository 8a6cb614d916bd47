/**
 * Questionnaires (enquêtes): question kinds, who answers, whether an answer fits its question, and
 * the results as counted from the answers (count, distribution, mean, median, NPS, option counts).
 */

export const questionKinds = ['scale', 'single', 'multiple', 'text', 'nps'] as const;
export type QuestionKind = (typeof questionKinds)[number];

/** Circle or community members, a session's listed people, or anyone holding the share link. */
export const surveyAudiences = ['members', 'participants', 'link'] as const;
export type SurveyAudience = (typeof surveyAudiences)[number];

/** Anonymous results are shown from this many respondents unless the questionnaire says otherwise. */
export const DEFAULT_MIN_RESPONDENTS = 5;
/** Below this a threshold would single people out; the organiser may not go lower. */
export const LOWEST_MIN_RESPONDENTS = 3;

export const SCALE_DEFAULT = { min: 1, max: 5 } as const;
export const NPS_RANGE = { min: 0, max: 10 } as const;

export interface SurveyOption {
  id: string;
  text: string;
}

export interface SurveyQuestion {
  id: string;
  kind: QuestionKind;
  text: string;
  /** The heading of the section this question opens or belongs to, if any. */
  section: string | null;
  required: boolean;
  options: SurveyOption[];
  /** scale and nps only: the range of the values, and the words at both ends. */
  min: number | null;
  max: number | null;
  minLabel: string | null;
  maxLabel: string | null;
}

/** number (scale, nps), option id (single), option ids (multiple), text. */
export type AnswerValue = number | string | string[];
export interface Answer {
  questionId: string;
  value: AnswerValue;
}

export interface AnswerProblem {
  /** Index of the answer in the list, or undefined for a question left without its required answer. */
  index: number | undefined;
  questionId: string;
  message: string;
}

export const MAX_TEXT_ANSWER = 5000;

/**
 * Checks a set of answers against the questions and returns them in question order, without the
 * empty ones (an empty text or an empty choice is no answer). Problems name the answer or the
 * question: out of range, unknown option, wrong type, twice the same question, required left out.
 */
export function checkAnswers(
  questions: readonly SurveyQuestion[],
  answers: readonly Answer[],
): { answers: Answer[]; problems: AnswerProblem[] } {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const problems: AnswerProblem[] = [];
  const kept = new Map<string, AnswerValue>();
  answers.forEach((answer, index) => {
    const question = byId.get(answer.questionId);
    const verdict = !question
      ? { problem: 'no such question in this questionnaire' }
      : kept.has(question.id)
        ? { problem: 'answered twice' }
        : checkOne(question, answer.value);
    if ('problem' in verdict)
      problems.push({ index, questionId: answer.questionId, message: verdict.problem });
    else if (question && verdict.value !== undefined) kept.set(question.id, verdict.value);
  });
  for (const question of questions) {
    if (question.required && !kept.has(question.id) && !problems.some((p) => p.questionId === question.id)) {
      problems.push({ index: undefined, questionId: question.id, message: 'an answer is required' });
    }
  }
  return {
    answers: questions
      .filter((q) => kept.has(q.id))
      .map((q) => ({ questionId: q.id, value: kept.get(q.id) as AnswerValue })),
    problems,
  };
}

/** One answer against its question: the value kept (undefined: empty, no answer) or the problem. */
function checkOne(
  question: SurveyQuestion,
  value: AnswerValue,
): { value: AnswerValue | undefined } | { problem: string } {
  switch (question.kind) {
    case 'scale':
    case 'nps': {
      const { min, max } = rangeOf(question);
      if (typeof value !== 'number' || !Number.isInteger(value)) return { problem: 'a whole number' };
      if (value < min || value > max) return { problem: `between ${min} and ${max}` };
      return { value };
    }
    case 'single':
      if (typeof value !== 'string') return { problem: 'one option id' };
      if (!question.options.some((o) => o.id === value)) return { problem: 'not an option of this question' };
      return { value };
    case 'multiple': {
      if (!Array.isArray(value)) return { problem: 'a list of option ids' };
      if (new Set(value).size !== value.length) return { problem: 'an option chosen twice' };
      if (value.some((v) => !question.options.some((o) => o.id === v))) {
        return { problem: 'not an option of this question' };
      }
      // In the questionnaire's order; an empty choice is no answer.
      const chosen = question.options.filter((o) => value.includes(o.id)).map((o) => o.id);
      return { value: chosen.length > 0 ? chosen : undefined };
    }
    case 'text': {
      if (typeof value !== 'string') return { problem: 'a text' };
      const text = value.trim();
      if (text.length > MAX_TEXT_ANSWER) return { problem: `at most ${MAX_TEXT_ANSWER} characters` };
      return { value: text || undefined };
    }
  }
}

export function rangeOf(question: Pick<SurveyQuestion, 'kind' | 'min' | 'max'>): {
  min: number;
  max: number;
} {
  if (question.kind === 'nps') return NPS_RANGE;
  return { min: question.min ?? SCALE_DEFAULT.min, max: question.max ?? SCALE_DEFAULT.max };
}

export interface QuestionResult {
  id: string;
  kind: QuestionKind;
  /** How many answered this question. */
  count: number;
  mean?: number | null;
  median?: number | null;
  /** Net Promoter Score: % promoters (9–10) minus % detractors (0–6), rounded; null without answers. */
  nps?: number | null;
  /** scale, nps: one entry per value of the range, in order, zeros included. */
  distribution?: { value: number; count: number }[];
  /** single, multiple: one entry per option, in the questionnaire's order. */
  options?: { id: string; text: string; count: number }[];
  texts?: string[];
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return value;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return round2(values.reduce((sum, v) => sum + v, 0) / values.length);
}

export function npsScore(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const promoters = values.filter((v) => v >= 9).length;
  const detractors = values.filter((v) => v <= 6).length;
  return Math.round(((promoters - detractors) / values.length) * 100);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Counts every question's answers. `shuffle` orders free texts (random for anonymous questionnaires,
 * so their order says nothing of who wrote when); without it they keep the responses' order.
 */
export function countResults(
  questions: readonly SurveyQuestion[],
  responses: readonly (readonly Answer[])[],
  shuffle: <T>(items: T[]) => T[] = (items) => items,
): QuestionResult[] {
  return questions.map((question) => {
    const values = responses.flatMap((answers) => {
      const found = answers.find((a) => a.questionId === question.id);
      return found ? [found.value] : [];
    });
    const result: QuestionResult = { id: question.id, kind: question.kind, count: values.length };
    switch (question.kind) {
      case 'scale':
      case 'nps': {
        const numbers = values.filter((v): v is number => typeof v === 'number');
        const { min, max } = rangeOf(question);
        result.mean = mean(numbers);
        result.median = median(numbers);
        result.distribution = Array.from({ length: max - min + 1 }, (_, i) => ({
          value: min + i,
          count: numbers.filter((v) => v === min + i).length,
        }));
        if (question.kind === 'nps') result.nps = npsScore(numbers);
        break;
      }
      case 'single':
      case 'multiple': {
        const chosen = values.flatMap((v) => (Array.isArray(v) ? v : [v]));
        result.options = question.options.map((o) => ({
          id: o.id,
          text: o.text,
          count: chosen.filter((c) => c === o.id).length,
        }));
        break;
      }
      case 'text':
        result.texts = shuffle(values.filter((v): v is string => typeof v === 'string'));
        break;
    }
    return result;
  });
}

/** Why results are not shown yet: an open anonymous questionnaire, or too few respondents. */
export type Withheld = 'open' | 'threshold' | null;

/**
 * Anonymous results are shown once the questionnaire is closed (before, two readings a few minutes
 * apart would give away the answers of whoever answered in between) and only from the threshold
 * (in a small circle one answer must not be singled out). Named results are always shown.
 */
export function withheldResults(input: {
  anonymous: boolean;
  isClosed: boolean;
  respondents: number;
  minRespondents: number;
}): Withheld {
  if (!input.anonymous) return null;
  if (!input.isClosed) return 'open';
  if (input.respondents < input.minRespondents) return 'threshold';
  return null;
}

/** A questionnaire's moment: not open yet, open, or closed (by hand or at its closing time). */
export type SurveyState = 'scheduled' | 'open' | 'closed';
export function surveyState(
  input: { opensAt: string | null; closesAt: string | null; closedAt: string | null },
  now: number,
): SurveyState {
  if (input.closedAt !== null) return 'closed';
  if (input.closesAt !== null && Date.parse(input.closesAt) <= now) return 'closed';
  if (input.opensAt !== null && Date.parse(input.opensAt) > now) return 'scheduled';
  return 'open';
}
