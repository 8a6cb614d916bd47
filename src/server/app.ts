import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyPluginAsync, type FastifyReply, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppContext } from './app-context.ts';
import { createAuth, type PasswordHashing } from './auth/auth.ts';
import { resolveAuthSecret } from './auth/auth-secret.ts';
import type { Database } from './db/database.ts';
import type { Env } from './env.ts';
import { lastActivity } from './features/account/account.public.ts';
import { findGuestViewer } from './features/guests/guests.public.ts';
import { featurePersonColumns, features, leavingOf } from './features/registry.ts';
import { registerCompression } from './http/compression.ts';
import { AppError, registerErrorHandling } from './http/errors.ts';
import { registerGuestFence } from './http/guest-fence.ts';
import { registerIdempotency } from './http/idempotency.ts';
import { serializeRequestForLog } from './http/log-redaction.ts';
import { registerNulGuard } from './http/nul-guard.ts';
import { registerOriginGuard } from './http/origin-guard.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { createViewerResolver } from './http/viewer.ts';
import { AccessRevocations, EVERY_CIRCLE } from './live/access-revocations.ts';
import { liveRoutes } from './live/live.routes.ts';
import { LiveHub } from './live/live-hub.ts';
import { notesRoutes } from './live/notes.routes.ts';
import { RedisLiveBus } from './live/redis-bus.ts';
import type { Mailer } from './mail/mailer.ts';

export interface AppDeps {
  database: Database;
  env: Env;
  mailer: Mailer;
  version: string;
  logger?: FastifyServerOptions['logger'];
  /** The built web app; served with a single-page fallback when present. */
  webRoot?: string;
  live?: LiveHub;
  /** Tests only: a cheaper password hash (see AuthOptions.passwordHashing). */
  passwordHashing?: PasswordHashing;
}

const defaultWebRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** Builds the HTTP app from its dependencies; no side effects beyond them. */
export async function buildApp(deps: AppDeps) {
  const { database, env } = deps;
  const requestTimeout = env.HTTP_REQUEST_TIMEOUT_SECONDS * 1000;
  const app = Fastify({
    logger:
      typeof deps.logger === 'object'
        ? { ...deps.logger, serializers: { req: serializeRequestForLog, ...deps.logger.serializers } }
        : (deps.logger ?? false),
    // One hop: the nearest proxy's X-Forwarded-For entry is the client. Trusting every hop would let
    // a client write its own address (and its own rate-limit key) at the left of the header.
    trustProxy: env.TRUST_PROXY ? (_address: string, hop: number) => hop === 0 : false,
    bodyLimit: 1024 * 1024,
    // Slow clients must not hold sockets and half-read bodies: the whole request (headers and
    // body) within HTTP_REQUEST_TIMEOUT_SECONDS, the headers within 10 s of it at most, and a socket
    // that exchanges nothing for a minute is closed. Node checks these deadlines on an interval:
    // a fifth of the request timeout keeps the overshoot small. Upgraded WebSockets are exempt (ws
    // clears the socket timeout on upgrade; Node stops tracking the request once it is complete).
    requestTimeout,
    connectionTimeout: Math.max(60_000, requestTimeout),
    http: {
      headersTimeout: Math.min(10_000, requestTimeout),
      connectionsCheckingInterval: Math.max(200, Math.min(5_000, requestTimeout / 5)),
    },
    // Router-level refusals (over-long path parameter, malformed URL encoding) in the house shape.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
      reply.status(status).send({ error: { code: 'INVALID_INPUT', message: error.message } });
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  const isHttps = env.PUBLIC_URL.startsWith('https://');
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(isHttps && { upgradeInsecureRequests: [] }),
      },
    },
    hsts: isHttps ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  await registerCompression(app);
  await app.register(rateLimit, { global: false });
  registerOriginGuard(app, env.PUBLIC_URL);
  registerNulGuard(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Archipel API',
        version: deps.version,
        description: 'Communities of learning circles. Errors: {"error":{"code","message","details"}}.',
      },
      servers: [{ url: env.PUBLIC_URL }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false });

  const log = (message: string) => app.log.warn(message);
  const secret = await resolveAuthSecret(database.db, env.AUTH_SECRET);
  const auth = createAuth({
    database,
    secret,
    publicUrl: env.PUBLIC_URL,
    mailer: deps.mailer,
    log,
    onSessionsEnded: (userId) => sessionsEnded(userId),
    ...(deps.passwordHashing && { passwordHashing: deps.passwordHashing }),
  });
  // With Redis, events, presence and revocations are shared by every instance on the same database.
  const bus =
    deps.live || !env.REDIS_URL
      ? undefined
      : new RedisLiveBus({
          url: env.REDIS_URL,
          prefix: env.REDIS_KEY_PREFIX,
          keep: 500,
          replayTtlSeconds: 30 * 60,
          log,
        });
  const live = deps.live ?? new LiveHub({ bus, log });
  app.addHook('onClose', () => live.close());
  const revocations = new AccessRevocations({ bus, log });
  const viewers = createViewerResolver(auth, Date.now, lastActivity(database.db, log), (token) =>
    findGuestViewer(database.db, token),
  );
  // Signed out through another instance: this one forgets the person's verified sessions at once,
  // so the ended cookie cannot reopen a live or notes connection closed here while it is remembered.
  revocations.onRevoke(({ circleId, userId }) => {
    if (circleId === EVERY_CIRCLE) viewers.forgetUser(userId);
  });
  // Deleted sessions (sign-out, password reset, the first proof of an address) end what was opened
  // with them: the person's live sockets close with 4401 and their notes connections end, here and
  // on the other instances. Their devices that still hold a valid session reconnect. A reset
  // deletes many sessions at once: one revocation for them all.
  const ending = new Set<string>();
  function sessionsEnded(userId: string) {
    viewers.forgetUser(userId);
    if (ending.has(userId)) return;
    ending.add(userId);
    queueMicrotask(() => {
      ending.delete(userId);
      revocations.revoke({ circleId: EVERY_CIRCLE, userId });
    });
  }
  const ctx: AppContext = {
    db: database.db,
    database,
    env,
    auth,
    mailer: deps.mailer,
    viewers,
    live,
    revocations,
    version: deps.version,
    leaving: leavingOf(features),
    personColumns: featurePersonColumns(features),
  };
  // A guest by a code reaches their session's routes only (decision 051): 404 everywhere else.
  registerGuestFence(app, ctx.viewers);
  registerIdempotency(app, database.db, ctx.viewers);

  // Large enough for a pasted page of notes; /live refuses frames over 16 KiB on its own.
  await app.register(websocket, { options: { maxPayload: 2 * 1024 * 1024 } });
  await app.register(liveRoutes(ctx), { prefix: '/api/v1' });
  await app.register(notesRoutes(ctx, log), { prefix: '/api/v1' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // Every feature's routes, as its descriptor declares them (features/registry.ts).
  for (const feature of features) {
    for (const routes of feature.routes ?? [])
      await app.register(routes.plugin(ctx), { prefix: routes.prefix });
  }

  const webRoot = deps.webRoot ?? defaultWebRoot;
  if (existsSync(webRoot)) await app.register(webApp, { root: webRoot });
  return app;
}

/**
 * The single-page app: hashed assets cached for a year, index.html never cached, and every
 * non-API GET that accepts HTML answered with index.html so deep links work.
 */
const webApp: FastifyPluginAsync<{ root: string }> = async (app, { root }) => {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    // `<file>.br` / `<file>.gz` written by the build (scripts/precompress.ts), chosen by Accept-Encoding.
    preCompressed: true,
    setHeaders(res, path) {
      res.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const sendIndex = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html');
  app.get('/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(path)) {
      throw new AppError('NOT_FOUND', `No route for GET ${path}`);
    }
    return sendIndex(reply);
  });
};
