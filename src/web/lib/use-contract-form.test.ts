import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client.ts';
import { mergeIssues, numberFromText, serverFieldIssues } from './use-contract-form.ts';

describe('serverFieldIssues', () => {
  const error = new ApiError(400, 'INVALID_INPUT', 'bad', [
    { path: ['body', 'maxDotsPerNote'], message: 'must not exceed the budget' },
    { path: ['body', 'topics', '1', 'title'], message: 'too long' },
  ]);

  it("puts the server's reason, translated around, under the field it names", () => {
    expect(serverFieldIssues(error, {}).maxDotsPerNote).toEqual({
      key: 'validation.refused',
      reason: 'must not exceed the budget',
    });
  });

  it("uses the form's own message for a rule it knows", () => {
    expect(serverFieldIssues(error, { maxDotsPerNote: 'validation.max' }).maxDotsPerNote).toEqual({
      key: 'validation.max',
    });
  });

  it('files a nested issue under its field and its dotted path', () => {
    const issues = serverFieldIssues(error, {});
    expect(Object.keys(issues)).toEqual(['maxDotsPerNote', 'topics', 'topics.1.title']);
  });

  it('has nothing to place for an error that is not about input', () => {
    expect(serverFieldIssues(new ApiError(409, 'CONFLICT', 'taken'), {})).toEqual({});
  });
});

describe('mergeIssues', () => {
  it("lets the form's rule speak for its whole row", () => {
    const merged = mergeIssues(
      {
        'slots.0.startsAt': { key: 'validation.invalid' },
        'slots.1.endsAt': { key: 'validation.endAfterStart' },
      },
      { 'slots.0.date': { key: 'validation.required' } },
    );
    expect(merged).toEqual({
      'slots.0.date': { key: 'validation.required' },
      'slots.1.endsAt': { key: 'validation.endAfterStart' },
    });
  });

  it("keeps the schema's issues on other top-level fields", () => {
    const merged = mergeIssues(
      { title: { key: 'validation.required' } },
      { deadline: { key: 'validation.invalid' } },
    );
    expect(Object.keys(merged)).toEqual(['title', 'deadline']);
  });
});

describe('numberFromText', () => {
  it('gives the blank value for an empty field', () => {
    expect(numberFromText('  ', null)).toBeNull();
  });

  it('gives NaN for text that is no number, for the schema to refuse', () => {
    expect(numberFromText('cinq', null)).toBeNaN();
  });
});
