import { isAPIError } from 'better-auth/api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import { signOutSchema } from '../../../contract/sign-in-providers.ts';
import {
  addressCheckSchema,
  emailOnlySchema,
  loginSchema,
  passwordResetConfirmSchema,
  registerSchema,
  signInLinkSchema,
  userEnvelopeSchema,
} from '../../../contract/user.ts';
import type { AppContext } from '../../app-context.ts';
import { passwordResets, SIGN_IN_LINK_PAGE } from '../../auth/auth.ts';
import { AppError } from '../../http/errors.ts';
import { authRateLimit } from '../../http/rate-limit.ts';
import { authHeaders } from '../../http/viewer.ts';
import { EVERY_CIRCLE } from '../../live/access-revocations.ts';
import { auditIp, recordAudit } from '../audit/audit.public.ts';
import { isOidcOnly, providerLogoutUrl } from '../oidc/oidc.public.ts';
import { claimFirstAdmin, findUserByEmail, getUser, toMeDto } from '../users/users.public.ts';

const tags = ['auth'];

/**
 * `.invalid` is reserved (RFC 2606): no mail can reach it. The demo's people have such addresses,
 * so refusing mail links to them keeps anyone from signing in as a demo animator.
 */
const canReceiveMail = (email: string) => !email.endsWith('.invalid');
const accepted = z.object({}).describe('Accepted');
const oidcOnly = () =>
  new AppError('FORBIDDEN', 'This instance signs in through its identity provider only (OIDC_ONLY)');

/** The session cookie the auth library minted travels back to the browser unchanged. */
function forwardCookies(reply: FastifyReply, headers: Headers): void {
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) reply.header('set-cookie', cookies);
}

/**
 * The auth library's refusals (bad password, used token, redirects) by status. Its errors come
 * from several bundled copies of one class, so instanceof is unreliable: ask its own predicate.
 */
function authStatus(error: unknown): number | undefined {
  return isAPIError(error) ? error.statusCode : undefined;
}
const isRefusal = (error: unknown) => {
  const status = authStatus(error);
  return status !== undefined && status < 500;
};

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { auth, db, env, viewers, revocations } = ctx;
  const limited = { rateLimit: authRateLimit(env) };
  /** A sign-in, or a refused one (never the e-mail: the account's id when there is one). */
  const audit = (
    request: FastifyRequest,
    kind: 'auth.sign-in' | 'auth.sign-in-failed' | 'auth.sign-up' | 'auth.password-reset',
    actorId: string | null,
    detail?: string,
  ) => recordAudit(db, { kind, actorId, ip: auditIp(request, env), detail: detail ?? null });

  return async (app) => {
    app.post(
      '/auth/register',
      {
        config: limited,
        schema: {
          tags,
          summary: 'Create an account and sign in',
          body: registerSchema,
          response: {
            201: userEnvelopeSchema,
            400: errorBodySchema,
            403: errorBodySchema.describe('Refused under OIDC_ONLY'),
            409: errorBodySchema,
            429: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        if (isOidcOnly(env)) throw oidcOnly();
        try {
          const { headers, response } = await auth.api.signUpEmail({
            body: request.body,
            headers: authHeaders(request),
            returnHeaders: true,
          });
          await claimFirstAdmin(db, response.user.id);
          await audit(request, 'auth.sign-up', response.user.id);
          forwardCookies(reply, headers);
          return reply.status(201).send({ user: toMeDto(await getUser(db, response.user.id)) });
        } catch (error) {
          if (authStatus(error) === 422 || authStatus(error) === 409) {
            throw new AppError('CONFLICT', 'An account already uses this e-mail address', [
              { path: ['body', 'email'], message: 'taken' },
            ]);
          }
          throw error;
        }
      },
    );

    app.post(
      '/auth/login',
      {
        config: limited,
        schema: {
          tags,
          summary: 'Sign in with e-mail and password',
          body: loginSchema,
          response: {
            200: userEnvelopeSchema,
            400: errorBodySchema,
            401: errorBodySchema,
            429: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        try {
          const { headers, response } = await auth.api.signInEmail({
            body: { ...request.body, rememberMe: true },
            headers: authHeaders(request),
            returnHeaders: true,
          });
          forwardCookies(reply, headers);
          await audit(request, 'auth.sign-in', response.user.id, 'password');
          return { user: toMeDto(await getUser(db, response.user.id)) };
        } catch (error) {
          if (isRefusal(error)) {
            // An unknown address leaves no trace of itself: the entry has no actor.
            const account = await findUserByEmail(db, request.body.email);
            const why = account?.disabledAt != null ? 'password, account disabled' : 'password';
            await audit(request, 'auth.sign-in-failed', account?.id ?? null, why);
            throw new AppError('UNAUTHENTICATED', 'Wrong e-mail address or password');
          }
          throw error;
        }
      },
    );

    app.post(
      '/auth/logout',
      {
        schema: {
          tags,
          summary: 'Sign out',
          description:
            'A session opened through the OpenID Connect provider answers 200 with the provider’s logout ' +
            'URL, where the browser goes next to end its session there too.',
          response: {
            200: signOutSchema.describe('Signed out here; continue to the provider’s logout'),
            204: z.null().describe('Signed out'),
          },
        },
      },
      async (request, reply) => {
        let redirectTo: string | null = null;
        try {
          const current = await auth.api.getSession({ headers: authHeaders(request) });
          if (current) redirectTo = await providerLogoutUrl(db, env, current.session.id);
          // Deleting the session ends its live connections too (createAuth's onSessionsEnded).
          const { headers } = await auth.api.signOut({ headers: authHeaders(request), returnHeaders: true });
          forwardCookies(reply, headers);
        } catch (error) {
          // Signing out without a valid session is already the wanted state.
          if (!isRefusal(error)) throw error;
        } finally {
          viewers.forget(request);
        }
        if (redirectTo) return reply.status(200).send({ redirectTo });
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/auth/sign-out-everywhere',
      {
        schema: {
          tags,
          summary: 'Sign out on every device: all my sessions and live connections end',
          response: { 204: z.null().describe('Signed out everywhere'), 401: errorBodySchema },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        await db.transaction().execute(async (trx) => {
          await trx.deleteFrom('authSessions').where('userId', '=', viewer.id).execute();
          await recordAudit(trx, {
            kind: 'auth.sign-out-everywhere',
            actorId: viewer.id,
            ip: auditIp(request, env),
            subject: { kind: 'user', id: viewer.id },
          });
        });
        // Deleted here rather than through better-auth, so its hook did not run: end what was
        // opened with those sessions, on every instance.
        viewers.forgetUser(viewer.id);
        revocations.revoke({ circleId: EVERY_CIRCLE, userId: viewer.id });
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/auth/magic-link',
      {
        config: limited,
        schema: {
          tags,
          summary: 'E-mail a one-time sign-in link',
          description:
            'Answers 202 whether or not the address has an account, so it reveals nothing. Refused under ' +
            'OIDC_ONLY, where the provider is the way in.',
          body: emailOnlySchema,
          response: {
            202: accepted,
            400: errorBodySchema,
            403: errorBodySchema.describe('Refused under OIDC_ONLY'),
            429: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        if (isOidcOnly(env)) throw oidcOnly();
        const { email } = request.body;
        const account = canReceiveMail(email) ? await findUserByEmail(db, email) : undefined;
        // A disabled account could not use the link: none is sent.
        if (account && account.disabledAt == null) {
          try {
            await auth.api.signInMagicLink({ body: { email }, headers: authHeaders(request) });
          } catch (error) {
            // Same answer whatever happened: a failing mail server must not reveal which addresses
            // have an account. The failure is logged for the admins.
            request.log.error({ err: error }, 'magic link could not be sent');
          }
        }
        return reply.status(202).send({});
      },
    );

    // Links mailed before the sign-in page existed pointed here: a GET (what a mail scanner sends)
    // only leads to the page, whose button signs in.
    app.get(
      '/auth/magic-link/verify',
      {
        schema: {
          tags,
          summary: 'An older sign-in link: leads to the sign-in page, which asks before using it',
          querystring: z.object({ token: z.string().max(512).optional() }),
          response: { 303: z.null().describe(`Redirect to ${SIGN_IN_LINK_PAGE}?token=…`) },
        },
      },
      async (request, reply) => {
        const token = request.query.token ?? '';
        return reply.redirect(`${SIGN_IN_LINK_PAGE}?token=${encodeURIComponent(token)}`, 303);
      },
    );

    app.post(
      '/auth/magic-link/verify',
      {
        config: limited,
        schema: {
          tags,
          summary: 'Use a mailed sign-in link: signs in (once), and proves the address',
          description:
            'The first proof of an address that was never proven removes the password and the sessions ' +
            'set up before it (someone may have registered the address before its owner).',
          body: signInLinkSchema,
          response: { 200: userEnvelopeSchema, 400: errorBodySchema, 429: errorBodySchema },
        },
      },
      async (request, reply) => {
        try {
          const { headers, response } = await auth.api.magicLinkVerify({
            query: { token: request.body.token },
            headers: authHeaders(request),
            returnHeaders: true,
          });
          forwardCookies(reply, headers);
          await audit(request, 'auth.sign-in', response.user.id, 'magic link');
          return { user: toMeDto(await getUser(db, response.user.id)) };
        } catch (error) {
          if (!isRefusal(error)) throw error;
          await audit(request, 'auth.sign-in-failed', null, 'magic link');
          throw new AppError('INVALID_INPUT', 'This sign-in link is invalid, expired or already used', [
            { path: ['body', 'token'], message: 'invalid, expired or used' },
          ]);
        }
      },
    );

    app.post(
      '/auth/verify-email',
      {
        config: limited,
        schema: {
          tags,
          summary: 'Use a mailed address check link: the account’s address is proven',
          body: addressCheckSchema,
          response: { 204: z.null().describe('Address proven'), 400: errorBodySchema, 429: errorBodySchema },
        },
      },
      async (request, reply) => {
        try {
          await auth.api.verifyEmail({ query: { token: request.body.token } });
        } catch (error) {
          if (!isRefusal(error)) throw error;
          throw new AppError('INVALID_INPUT', 'This confirmation link is invalid or has expired', [
            { path: ['body', 'token'], message: 'invalid or expired' },
          ]);
        }
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/auth/password-reset',
      {
        config: limited,
        schema: {
          tags,
          summary: 'E-mail a password reset link',
          description:
            'Answers 202 whether or not the address has an account. Refused under OIDC_ONLY: a password ' +
            'would be a way in that skips the provider.',
          body: emailOnlySchema,
          response: {
            202: accepted,
            400: errorBodySchema,
            403: errorBodySchema.describe('Refused under OIDC_ONLY'),
            429: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        if (isOidcOnly(env)) throw oidcOnly();
        if (canReceiveMail(request.body.email)) {
          try {
            await auth.api.requestPasswordReset({
              body: { email: request.body.email, redirectTo: `${env.PUBLIC_URL}/reset-password` },
            });
          } catch (error) {
            request.log.error({ err: error }, 'password reset mail could not be sent');
          }
        }
        return reply.status(202).send({});
      },
    );

    app.post(
      '/auth/password-reset/confirm',
      {
        config: limited,
        schema: {
          tags,
          summary: 'Choose a new password with the e-mailed token',
          body: passwordResetConfirmSchema,
          response: {
            204: z.null().describe('Password changed'),
            400: errorBodySchema,
            429: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        const call: { userId?: string } = {};
        try {
          // Revokes every session of the account, and so its live connections (onSessionsEnded).
          await passwordResets.run(call, () =>
            auth.api.resetPassword({
              body: { token: request.body.token, newPassword: request.body.password },
            }),
          );
        } catch (error) {
          if (isRefusal(error)) {
            throw new AppError('INVALID_INPUT', 'This reset link is invalid or has expired', [
              { path: ['body', 'token'], message: 'invalid or expired' },
            ]);
          }
          throw error;
        }
        await audit(request, 'auth.password-reset', call.userId ?? null);
        return reply.status(204).send(null);
      },
    );
  };
}
