import { ApiError, type ApiErrorCode } from '../../../lib/api-client.ts';

/** Where an import failure is shown: under a field, or for the whole form. */
export type ImportField = 'text' | 'date' | 'timeZone' | 'form';

type ImportErrorName =
  | 'empty'
  | 'notUtf8'
  | 'noDate'
  | 'dateOutOfRange'
  | 'timeZone'
  | 'tooLarge'
  | 'tooComplex'
  | 'tooMany'
  | 'forbidden';

export interface ImportProblem {
  /** What to say: an import-specific message, or the generic one of an unexpected failure. */
  key: `sessionImport.errors.${ImportErrorName}` | `errors.${ApiErrorCode}`;
  field: ImportField;
}

function detailPaths(error: ApiError): { path: string; message: string }[] {
  return error.fieldIssues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/**
 * Explains a refused import. The server says which part is wrong in `details` (the body, the
 * date or the time zone of the query); its English message is for developers, not shown.
 */
export function importProblem(error: unknown): ImportProblem {
  if (!(error instanceof ApiError)) return { key: 'errors.INTERNAL', field: 'form' };
  if (error.status === 413) return { key: 'sessionImport.errors.tooLarge', field: 'text' };
  if (error.code === 'FORBIDDEN') return { key: 'sessionImport.errors.forbidden', field: 'form' };
  if (error.code !== 'INVALID_INPUT') return { key: `errors.${error.code}`, field: 'form' };
  for (const { path, message } of detailPaths(error)) {
    if (path.endsWith('date')) {
      const isMissing = message.startsWith('required');
      return { key: `sessionImport.errors.${isMissing ? 'noDate' : 'dateOutOfRange'}`, field: 'date' };
    }
    if (path.endsWith('timeZone')) return { key: 'sessionImport.errors.timeZone', field: 'timeZone' };
    if (path.startsWith('body')) {
      if (message === 'empty') return { key: 'sessionImport.errors.empty', field: 'text' };
      if (/utf-?8/i.test(message)) return { key: 'sessionImport.errors.notUtf8', field: 'text' };
      if (message === 'too complex') return { key: 'sessionImport.errors.tooComplex', field: 'text' };
      if (message.startsWith('too many')) return { key: 'sessionImport.errors.tooMany', field: 'text' };
      return { key: 'sessionImport.errors.tooLarge', field: 'text' };
    }
  }
  return { key: 'errors.INVALID_INPUT', field: 'form' };
}
