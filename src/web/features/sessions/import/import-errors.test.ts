import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client.ts';
import { importProblem } from './import-errors.ts';

const invalid = (path: string[], message: string) =>
  new ApiError(400, 'INVALID_INPUT', 'x', [{ path, message }]);

describe('importProblem', () => {
  it('points a missing date at the date field', () => {
    expect(importProblem(invalid(['querystring', 'date'], 'required when the text has no date'))).toEqual({
      key: 'sessionImport.errors.noDate',
      field: 'date',
    });
  });

  it('tells an empty text from a text that is not UTF-8', () => {
    expect(importProblem(invalid(['body'], 'empty')).key).toBe('sessionImport.errors.empty');
    expect(importProblem(invalid(['body'], 'not UTF-8 text')).key).toBe('sessionImport.errors.notUtf8');
  });

  it('explains a too large body (413) and a refusal (403)', () => {
    expect(importProblem(new ApiError(413, 'INTERNAL', 'Payload Too Large')).key).toBe(
      'sessionImport.errors.tooLarge',
    );
    expect(importProblem(new ApiError(403, 'FORBIDDEN', 'no')).key).toBe('sessionImport.errors.forbidden');
  });

  it('tells a date out of range, notes too complex and notes holding too much', () => {
    expect(importProblem(invalid(['querystring', 'date'], 'a meeting is dated from 1900 to 2999'))).toEqual({
      key: 'sessionImport.errors.dateOutOfRange',
      field: 'date',
    });
    expect(importProblem(invalid(['body'], 'too complex')).key).toBe('sessionImport.errors.tooComplex');
    expect(importProblem(invalid(['body'], 'too many agenda items')).key).toBe(
      'sessionImport.errors.tooMany',
    );
  });

  it('falls back to the generic message of the code', () => {
    expect(importProblem(new ApiError(0, 'NETWORK', 'offline'))).toEqual({
      key: 'errors.NETWORK',
      field: 'form',
    });
  });
});
