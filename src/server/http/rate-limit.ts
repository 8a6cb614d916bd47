import type { FastifyRequest } from 'fastify';
import type { Env } from '../env.ts';
import { AppError } from './errors.ts';

/**
 * Per-route limit for the account routes, keyed on the client's socket address. X-Forwarded-For is
 * believed only behind a declared proxy (TRUST_PROXY), where Fastify resolves request.ip from it.
 */
export function authRateLimit(env: Env) {
  return {
    max: env.AUTH_RATE_LIMIT,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) =>
      (env.TRUST_PROXY ? request.ip : request.socket.remoteAddress) ?? 'unknown',
    errorResponseBuilder: () => new AppError('RATE_LIMITED', 'Too many attempts, try again in a minute'),
  };
}
