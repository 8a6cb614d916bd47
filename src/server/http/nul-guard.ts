import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000') || !value.isWellFormed();
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  const entries = Array.isArray(value) ? value : Object.entries(value).flat();
  return entries.some((entry) => containsNul(entry, depth + 1));
}

/**
 * PostgreSQL text cannot hold U+0000 and refuses the whole statement; no Archipel field has a use
 * for it. A lone UTF-16 surrogate would be stored as U+FFFD, silently changing the text. Refusing
 * both here, before validation, gives a clear 400 on every route at once (params, query, body).
 */
export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (containsNul(request.params) || containsNul(request.query) || containsNul(request.body)) {
      throw new AppError('INVALID_INPUT', 'Text may not contain the NUL character or unpaired surrogates');
    }
  });
}
