import { describe, expect, it } from 'vitest';
import {
  checkAnswers,
  countResults,
  mean,
  median,
  npsScore,
  type SurveyQuestion,
  surveyState,
  withheldResults,
} from './survey.ts';
import { builtInTemplate, builtInTemplateIds } from './survey-templates.ts';

const question = (q: Partial<SurveyQuestion> & Pick<SurveyQuestion, 'id' | 'kind'>): SurveyQuestion => ({
  text: q.id,
  section: null,
  required: false,
  options: [],
  min: null,
  max: null,
  minLabel: null,
  maxLabel: null,
  ...q,
});

const scale = question({ id: 'scale', kind: 'scale', min: 1, max: 5, required: true });
const nps = question({ id: 'nps', kind: 'nps' });
const single = question({
  id: 'single',
  kind: 'single',
  options: [
    { id: 'a', text: 'A' },
    { id: 'b', text: 'B' },
  ],
});
const multiple = question({
  id: 'multiple',
  kind: 'multiple',
  options: [
    { id: 'x', text: 'X' },
    { id: 'y', text: 'Y' },
    { id: 'z', text: 'Z' },
  ],
});
const text = question({ id: 'text', kind: 'text' });
const all = [scale, nps, single, multiple, text];

describe('answers', () => {
  it('keeps fitting answers in question order, without the empty ones', () => {
    const { answers, problems } = checkAnswers(all, [
      { questionId: 'text', value: '  merci  ' },
      { questionId: 'multiple', value: ['z', 'x'] },
      { questionId: 'scale', value: 4 },
      { questionId: 'nps', value: 0 },
      { questionId: 'single', value: 'b' },
    ]);
    expect(problems).toEqual([]);
    expect(answers).toEqual([
      { questionId: 'scale', value: 4 },
      { questionId: 'nps', value: 0 },
      { questionId: 'single', value: 'b' },
      { questionId: 'multiple', value: ['x', 'z'] },
      { questionId: 'text', value: 'merci' },
    ]);
    expect(
      checkAnswers(all, [
        { questionId: 'scale', value: 3 },
        { questionId: 'text', value: ' ' },
      ]).answers,
    ).toEqual([{ questionId: 'scale', value: 3 }]);
  });

  it('names each problem: out of range, unknown option, wrong type, twice, required left out', () => {
    const { problems } = checkAnswers(all, [
      { questionId: 'scale', value: 6 },
      { questionId: 'scale', value: 2 },
      { questionId: 'nps', value: 11 },
      { questionId: 'single', value: 'c' },
      { questionId: 'multiple', value: ['x', 'x'] },
      { questionId: 'text', value: 3 },
      { questionId: 'nope', value: 1 },
    ]);
    expect(problems.map((p) => [p.index, p.message])).toEqual([
      [0, 'between 1 and 5'],
      [2, 'between 0 and 10'],
      [3, 'not an option of this question'],
      [4, 'an option chosen twice'],
      [5, 'a text'],
      [6, 'no such question in this questionnaire'],
    ]);
    // The second answer to "scale" was kept after the first was refused: no "required" then.
    expect(checkAnswers(all, [{ questionId: 'scale', value: 2.5 }]).problems.map((p) => p.message)).toEqual([
      'a whole number',
    ]);
    expect(checkAnswers(all, []).problems).toEqual([
      { index: undefined, questionId: 'scale', message: 'an answer is required' },
    ]);
  });
});

describe('results', () => {
  it('counts mean, median and NPS on known answers', () => {
    expect(mean([1, 2, 4])).toBe(2.33);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 2, 5])).toBe(3);
    expect(median([])).toBeNull();
    // 3 promoters (9, 10, 10), 2 passives (7, 8), 5 detractors (0…6): (3 − 5) / 10 = −20.
    expect(npsScore([9, 10, 10, 7, 8, 0, 3, 5, 6, 6])).toBe(-20);
    expect(npsScore([])).toBeNull();
  });

  it('gives every value of a range and every option, zeros included', () => {
    const [s, n, one, many, free] = countResults(all, [
      [
        { questionId: 'scale', value: 5 },
        { questionId: 'nps', value: 10 },
        { questionId: 'single', value: 'a' },
        { questionId: 'multiple', value: ['x', 'y'] },
        { questionId: 'text', value: 'bien' },
      ],
      [
        { questionId: 'scale', value: 2 },
        { questionId: 'multiple', value: ['y'] },
      ],
    ]);
    expect(s).toMatchObject({ count: 2, mean: 3.5, median: 3.5 });
    expect(s?.distribution).toEqual([
      { value: 1, count: 0 },
      { value: 2, count: 1 },
      { value: 3, count: 0 },
      { value: 4, count: 0 },
      { value: 5, count: 1 },
    ]);
    expect(n).toMatchObject({ count: 1, nps: 100 });
    expect(n?.distribution).toHaveLength(11);
    expect(one?.options).toEqual([
      { id: 'a', text: 'A', count: 1 },
      { id: 'b', text: 'B', count: 0 },
    ]);
    expect(many?.options?.map((o) => o.count)).toEqual([1, 2, 0]);
    expect(free).toMatchObject({ count: 1, texts: ['bien'] });
  });

  it('withholds anonymous results until closed and from the threshold', () => {
    const at = (isClosed: boolean, respondents: number, anonymous = true) =>
      withheldResults({ anonymous, isClosed, respondents, minRespondents: 5 });
    expect(at(false, 10)).toBe('open');
    expect(at(true, 4)).toBe('threshold');
    expect(at(true, 5)).toBeNull();
    expect(at(false, 1, false)).toBeNull();
  });

  it('knows when a questionnaire is open', () => {
    const now = Date.parse('2026-09-20T10:00:00Z');
    const dates = (opensAt: string | null, closesAt: string | null, closedAt: string | null = null) =>
      surveyState({ opensAt, closesAt, closedAt }, now);
    expect(dates(null, null)).toBe('open');
    expect(dates('2026-09-21T00:00:00Z', null)).toBe('scheduled');
    expect(dates(null, '2026-09-20T10:00:00Z')).toBe('closed');
    expect(dates(null, null, '2026-09-19T00:00:00Z')).toBe('closed');
  });
});

describe('templates', () => {
  it('are whole in both languages, with the same question and option ids', () => {
    for (const id of builtInTemplateIds) {
      const fr = builtInTemplate(id, 'fr');
      const en = builtInTemplate(id, 'en');
      expect(fr.questions.map((q) => [q.id, q.kind, q.options.map((o) => o.id)])).toEqual(
        en.questions.map((q) => [q.id, q.kind, q.options.map((o) => o.id)]),
      );
      expect(fr.title).not.toBe(en.title);
      for (const q of [...fr.questions, ...en.questions]) {
        expect(q.text.length).toBeGreaterThan(0);
        if (q.kind === 'single' || q.kind === 'multiple') expect(q.options.length).toBeGreaterThanOrEqual(2);
      }
    }
    const evaluation = builtInTemplate('circle-evaluation', 'fr');
    expect(evaluation.questions.map((q) => q.kind)).toEqual(
      expect.arrayContaining(['scale', 'multiple', 'text', 'single', 'nps']),
    );
  });
});
