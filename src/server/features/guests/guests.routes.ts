import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import {
  guestClaimResultSchema,
  guestCodeCreateSchema,
  guestCodeSchema,
  guestHomeSchema,
  guestJoinSchema,
  sessionGuestsSchema,
} from '../../../contract/guest.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { cookieValue, GUEST_COOKIE, type Viewer } from '../../http/viewer.ts';
import { EVERY_CIRCLE } from '../../live/access-revocations.ts';
import { requireSteward } from '../../policy/access.ts';
import { getVisibleSession, sessionAbilities } from '../sessions/sessions.public.ts';
import {
  claimGuest,
  guestsExpiredSince,
  joinAsGuest,
  openGuestCode,
  revokeGuestCode,
} from './guests.commands.ts';
import { findGuestByToken, guestHome, listOpenCodes, listSessionGuests } from './guests.queries.ts';
import { JoinsPerCode } from './join-limits.ts';

const tags = ['guests'];
const idParams = z.object({ id: z.string().max(100) });
const codeParams = idParams.extend({ codeId: z.string().max(100) });
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  429: errorBodySchema,
};

/** How long a guest browser keeps its secret: past the code, so that a guest who registers claims. */
const COOKIE_DAYS = 30;
/** How often this instance looks for codes that just expired, to close their guests' live connections. */
const EXPIRY_SWEEP_MS = 10_000;

export function guestsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, env, revocations, personColumns } = ctx;
  const perCode = new JoinsPerCode(env.GUEST_JOINS_PER_CODE_PER_MINUTE);
  const secure = env.PUBLIC_URL.startsWith('https:');
  const address = (request: FastifyRequest) =>
    (env.TRUST_PROXY ? request.ip : request.socket.remoteAddress) ?? 'unknown';

  function setGuestCookie(reply: FastifyReply, token: string, maxAgeSeconds: number) {
    const parts = [
      `${GUEST_COOKIE}=${token}`,
      'Path=/',
      'HttpOnly',
      'SameSite=Lax',
      `Max-Age=${maxAgeSeconds}`,
      ...(secure ? ['Secure'] : []),
    ];
    reply.header('set-cookie', parts.join('; '));
  }

  async function stewardedSession(request: FastifyRequest, sessionId: string) {
    const viewer = await viewers.require(request);
    if (viewer.guestScope) throw notFound('Session');
    const { session, circle } = await getVisibleSession(db, sessionId, viewer);
    requireSteward(circle, viewer);
    return { session, viewer };
  }

  const closeLive = (userIds: string[]) => {
    for (const userId of userIds) revocations.revoke({ circleId: EVERY_CIRCLE, userId });
  };

  return async (app) => {
    // Codes expire by the clock: the guests' live and notes connections close within seconds.
    let swept = new Date();
    const sweep = setInterval(() => {
      const now = new Date();
      guestsExpiredSince(db, swept, now)
        .then((ids) => {
          swept = now;
          closeLive(ids);
        })
        .catch(() => {});
    }, EXPIRY_SWEEP_MS);
    sweep.unref();
    app.addHook('onClose', async () => clearInterval(sweep));

    app.get(
      '/sessions/:id/guest-codes',
      {
        schema: {
          tags,
          summary: 'The session’s open guest codes (its facilitators)',
          params: idParams,
          response: { 200: z.object({ items: z.array(guestCodeSchema) }), ...errors },
        },
      },
      async (request) => {
        const { session } = await stewardedSession(request, request.params.id);
        return { items: await listOpenCodes(db, session.id, env.PUBLIC_URL) };
      },
    );

    app.get(
      '/sessions/:id/guests',
      {
        schema: {
          tags,
          summary: 'The session’s guests by a code, to mark their contributions (who reads the session)',
          params: idParams,
          response: { 200: sessionGuestsSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        if (viewer?.guestScope) throw notFound('Session');
        const { session, circle } = await getVisibleSession(db, request.params.id, viewer);
        if (!(await sessionAbilities(db, session, circle, viewer)).read) throw notFound('Session');
        return { items: await listSessionGuests(db, session.id) };
      },
    );

    app.post(
      '/sessions/:id/guest-codes',
      {
        schema: {
          tags,
          summary: 'Open the session to guests with a new code, for a while (its facilitators)',
          params: idParams,
          body: guestCodeCreateSchema,
          response: { 201: guestCodeSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { session, viewer } = await stewardedSession(request, request.params.id);
        if (session.cancelledAt) throw new AppError('CONFLICT', 'This session is cancelled');
        const id = await openGuestCode(db, {
          sessionId: session.id,
          createdBy: viewer.id,
          durationMinutes: request.body.durationMinutes,
        });
        const code = (await listOpenCodes(db, session.id, env.PUBLIC_URL)).find((c) => c.id === id);
        if (!code) throw notFound('Guest code');
        return reply.status(201).send(code);
      },
    );

    app.delete(
      '/sessions/:id/guest-codes/:codeId',
      {
        schema: {
          tags,
          summary: 'Close a guest code at once: its guests lose access (its facilitators)',
          params: codeParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const { session } = await stewardedSession(request, request.params.id);
        const guests = await revokeGuestCode(db, session.id, request.params.codeId);
        if (!guests) throw notFound('Guest code');
        closeLive(guests);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/guests',
      {
        config: {
          rateLimit: {
            max: env.GUEST_JOINS_PER_ADDRESS_PER_MINUTE,
            timeWindow: 60_000,
            keyGenerator: address,
            errorResponseBuilder: () =>
              new AppError('RATE_LIMITED', 'Too many attempts, try again in a minute'),
          },
        },
        schema: {
          tags,
          summary: 'Join a session as a guest with its code and a name (no account)',
          body: guestJoinSchema,
          response: { 201: guestHomeSchema, ...errors },
        },
      },
      async (request, reply) => {
        if (!perCode.take(request.body.code))
          throw new AppError(
            'RATE_LIMITED',
            'Too many people are joining with this code, try again in a minute',
          );
        const joined = await joinAsGuest(db, request.body);
        const viewer: Viewer = {
          id: joined.userId,
          isAdmin: false,
          guestScope: { sessionId: joined.sessionId, circleId: joined.circleId },
        };
        setGuestCookie(reply, joined.token, COOKIE_DAYS * 24 * 3600);
        return reply.status(201).send(await guestHome(db, viewer));
      },
    );

    app.get(
      '/guests/me',
      {
        schema: {
          tags,
          summary: 'What a guest may use: their session, its boards and polls',
          response: { 200: guestHomeSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        if (!viewer?.guestScope) throw notFound('Guest');
        return guestHome(db, viewer);
      },
    );

    app.delete(
      '/guests/me',
      {
        schema: {
          tags,
          summary: 'Leave as a guest (this browser forgets the guest)',
          response: { 204: z.null() },
        },
      },
      async (_request, reply) => {
        setGuestCookie(reply, '', 0);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/guests/me/claim',
      {
        schema: {
          tags,
          summary: 'A signed-in person takes their guest contributions of this browser as theirs',
          response: { 200: guestClaimResultSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        if (viewer.guestScope) throw new AppError('FORBIDDEN', 'Sign in to an account first');
        const token = cookieValue(request.headers.cookie, GUEST_COOKIE);
        const guest = token ? await findGuestByToken(db, token) : undefined;
        if (!guest) throw notFound('Guest');
        await claimGuest(db, guest.userId, viewer.id, personColumns);
        closeLive([guest.userId]);
        setGuestCookie(reply, '', 0);
        return { sessionId: guest.sessionId };
      },
    );
  };
}
