import { createHash } from 'node:crypto';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onSendHookHandler,
  preHandlerHookHandler,
  RouteOptions,
} from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { errorBodySchema } from '../../contract/error.ts';
import type { DB } from '../db/schema.ts';
import { claimKey, type KeyScope, releaseKey, storeAnswer } from './idempotency-keys.ts';
import type { ViewerResolver } from './viewer.ts';

const HEADER = 'idempotency-key';

/**
 * POST routes where a key means nothing: signing in sets cookies a stored answer cannot replay,
 * and unsubscribe links carry no session.
 */
const exempt = ['/api/v1/auth/', '/api/v1/unsubscribe/'];

/** Documented on every route that honours it (OpenAPI), and checked there: 400 when malformed. */
const headersSchema = z.looseObject({
  [HEADER]: z
    .string()
    .min(8)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'visible ASCII characters only')
    .optional()
    .describe(
      'A random value (a UUID) chosen by the client for one creating request and reused when it is ' +
        'retried: within 24 hours the same person sending the same key on the same route gets the ' +
        "first request's answer again (header Idempotent-Replayed: true) and nothing is created " +
        'twice; the same key with a different body gets 409 CONFLICT.',
    ),
});

function appliesTo(route: RouteOptions): boolean {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  return (
    methods.includes('POST') &&
    route.url.startsWith('/api/v1/') &&
    !exempt.some((prefix) => route.url.startsWith(prefix))
  );
}

/** The body as the route validated it; text bodies (pasted notes) are hashed as they are. */
function hashOf(request: FastifyRequest): string {
  const body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? null);
  return createHash('sha256').update(body).digest('hex');
}

function asList<T>(hooks: T | T[] | undefined): T[] {
  if (hooks === undefined) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}

/**
 * Honours `Idempotency-Key` on every creating POST route, once for all of them: the first request
 * with a key runs and its successful answer is stored; a repeat (double click, a retry after a
 * lost answer, even one arriving while the first still runs) gets that same answer without running
 * the route again. A failed request frees its key, so a retry runs again. Must be registered before
 * the routes.
 */
export function registerIdempotency(app: FastifyInstance, db: Kysely<DB>, viewers: ViewerResolver): void {
  const claims = new WeakMap<FastifyRequest, { scope: KeyScope; attemptId: string }>();

  const claim: preHandlerHookHandler = async (request, reply) => {
    const key = request.headers[HEADER];
    if (typeof key !== 'string') return;
    // Keys belong to a person: without one (a guest, or a 401 to come) the route runs as usual.
    const viewer = await viewers.find(request);
    if (!viewer) return;
    const scope = { userId: viewer.id, key, route: `${request.method} ${request.url}` };
    const outcome = await claimKey(db, scope, hashOf(request));
    if (outcome.kind === 'claimed') {
      claims.set(request, { scope, attemptId: outcome.attemptId });
      return;
    }
    const { answer } = outcome;
    replay(reply, answer.statusCode, answer.contentType, answer.body);
    return reply;
  };

  const settle: onSendHookHandler = async (request, reply, payload) => {
    const claimed = claims.get(request);
    if (!claimed) return payload;
    claims.delete(request);
    const { scope, attemptId } = claimed;
    const isStorable = payload === null || payload === undefined || typeof payload === 'string';
    if (reply.statusCode >= 200 && reply.statusCode < 300 && isStorable) {
      const contentType = reply.getHeader('content-type');
      // Written before the answer leaves: a repeat that reads the row gets exactly this answer.
      await storeAnswer(db, scope, attemptId, {
        statusCode: reply.statusCode,
        contentType: typeof contentType === 'string' ? contentType : null,
        body: typeof payload === 'string' ? payload : '',
      }).catch((error: unknown) => request.log.error({ err: error }, 'idempotency answer not stored'));
    } else {
      await releaseKey(db, scope, attemptId).catch((error: unknown) =>
        request.log.error({ err: error }, 'idempotency key not released'),
      );
    }
    return payload;
  };

  app.addHook('onRoute', (route) => {
    if (!appliesTo(route)) return;
    if (route.schema && !route.schema.hide) {
      const response = route.schema.response;
      route.schema = {
        ...route.schema,
        headers: route.schema.headers ?? headersSchema,
        // The key reused with another body, or its first request still running after 20 s.
        ...(typeof response === 'object' &&
          response !== null && { response: { 409: errorBodySchema, ...response } }),
      };
    }
    route.preHandler = [...asList(route.preHandler), claim];
    route.onSend = [...asList(route.onSend), settle];
  });
}

function replay(reply: FastifyReply, statusCode: number, contentType: string | null, body: string): void {
  reply.code(statusCode).header('idempotent-replayed', 'true');
  if (contentType) reply.header('content-type', contentType);
  // Already serialised once, by the route's own response schema.
  reply.serializer((payload) => String(payload));
  reply.send(body === '' ? undefined : body);
}
