/**
 * Integrity lives in the database; this recognises its refusals so they become clear 409s.
 * PostgreSQL reports SQLSTATE 23505; node:sqlite says "UNIQUE constraint failed" (or PRIMARY KEY).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ('code' in error && error.code === '23505') return true;
  const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
  return /UNIQUE constraint failed|PRIMARY KEY constraint failed/.test(message);
}
