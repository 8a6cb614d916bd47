import fastifyCookie from '@fastify/cookie';
import { isAPIError } from 'better-auth/api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as client from 'openid-client';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import { returnPathSchema, signInProvidersSchema } from '../../../contract/sign-in-providers.ts';
import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../http/errors.ts';
import { authRateLimit } from '../../http/rate-limit.ts';
import { requestLocale } from '../../http/request-locale.ts';
import { EVERY_CIRCLE } from '../../live/access-revocations.ts';
import { auditIp, recordAudit } from '../audit/audit.public.ts';
import { relyingPartyFor } from './oidc.public.ts';
import { accountForIdentity } from './oidc-accounts.commands.ts';
import { type OidcFlow, oidcFlows } from './oidc-flows.ts';
import { identityOf } from './oidc-identity.ts';
import { OidcRefusal } from './oidc-refusal.ts';
import { completeAuthorization } from './oidc-relying-party.ts';

const tags = ['auth'];
const OIDC_PATH = '/api/v1/auth/oidc';
/** The browser's half of a sign-in in progress: it must come back with the state it left with. */
const STATE_COOKIE = 'archipel.oidc_state';
const SIGN_IN_PAGE = '/sign-in';

const startQuerySchema = z.object({ returnTo: returnPathSchema.optional() });
/** What the provider sends back; openid-client reads the whole URL, this only bounds it. */
const callbackQuerySchema = z.looseObject({
  state: z.string().max(512).optional(),
  code: z.string().max(4096).optional(),
  error: z.string().max(200).optional(),
});
const redirect = (what: string) => z.null().describe(what);

export function oidcRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, env, auth } = ctx;
  const party = relyingPartyFor(env);
  const flows = oidcFlows(auth);
  const limited = { rateLimit: authRateLimit(env) };
  const secure = env.PUBLIC_URL.startsWith('https://');

  /** A better-auth session and its cookie; a hook may refuse the account (a disabled one). */
  async function openSession(userId: string) {
    try {
      const { headers, response } = await auth.api.openSession({ body: { userId }, returnHeaders: true });
      return { id: response.sessionId, headers };
    } catch (error) {
      if (!isAPIError(error) || error.statusCode >= 500) throw error;
      throw new OidcRefusal('session refused', 'refused', { actorId: userId });
    }
  }

  return async (app) => {
    await app.register(fastifyCookie);

    app.get(
      '/auth/providers',
      {
        schema: {
          tags,
          summary: 'How one may sign in here: single sign-on, passwords',
          response: { 200: signInProvidersSchema },
        },
      },
      async () => ({
        oidc: party ? { label: party.settings.label, startUrl: `${OIDC_PATH}/start` } : null,
        passwordSignIn: !party?.settings.only,
      }),
    );

    // Documented and routed whether or not SSO is configured: without it they answer 404.
    const requireParty = () => {
      if (!party) throw notFound('Single sign-on');
      return party;
    };

    app.get(
      '/auth/oidc/start',
      {
        config: limited,
        schema: {
          tags,
          summary: 'Sign in through the OpenID Connect provider: redirects there',
          description:
            'Authorisation code with PKCE (S256), state and nonce kept server-side for 10 minutes and ' +
            'bound to this browser by a short-lived httpOnly cookie. `returnTo` is a path on this site.',
          querystring: startQuerySchema,
          response: {
            302: redirect('To the provider’s authorisation endpoint'),
            303: redirect('To the sign-in page with ?sso=unavailable when the provider cannot be reached'),
            400: errorBodySchema,
            404: errorBodySchema.describe('Single sign-on is not configured'),
            429: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        const { settings, configuration: discover } = requireParty();
        let configuration: client.Configuration;
        try {
          configuration = await discover();
        } catch (error) {
          request.log.error({ err: error }, 'OpenID Connect discovery failed');
          return reply.redirect(`${SIGN_IN_PAGE}?sso=unavailable`, 303);
        }
        const flow: OidcFlow = {
          state: client.randomState(),
          nonce: client.randomNonce(),
          codeVerifier: client.randomPKCECodeVerifier(),
          returnTo: request.query.returnTo ?? '/',
        };
        await flows.save(flow);
        const url = client.buildAuthorizationUrl(configuration, {
          redirect_uri: settings.redirectUri,
          scope: settings.scopes,
          state: flow.state,
          nonce: flow.nonce,
          code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
          code_challenge_method: 'S256',
          ...(settings.acrValues.length > 0 && { acr_values: settings.acrValues.join(' ') }),
        });
        reply.setCookie(STATE_COOKIE, flow.state, {
          path: OIDC_PATH,
          httpOnly: true,
          // Lax: the provider's redirect back is a top-level navigation from another site.
          sameSite: 'lax',
          secure,
          maxAge: flows.ttlSeconds,
        });
        return reply.redirect(url.href, 302);
      },
    );

    app.get(
      '/auth/oidc/callback',
      {
        config: limited,
        schema: {
          tags,
          summary: 'Where the provider sends the browser back: signs in, then redirects into the app',
          description:
            'Checks the state against this browser’s, exchanges the code (with the PKCE verifier), ' +
            'validates the ID token (signature, iss, aud, exp, nonce, acr when OIDC_ACR_VALUES is set), ' +
            'finds the account, links it by a verified address or creates it, and opens a session. ' +
            'Every refusal is in the audit log and sends the browser to /sign-in?sso=<why>.',
          querystring: callbackQuerySchema,
          response: {
            303: redirect(
              'Into the app (signed in), or to /sign-in?sso=refused|unverified|cancelled|expired|unavailable',
            ),
            400: errorBodySchema,
            404: errorBodySchema.describe('Single sign-on is not configured'),
            429: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        const party = requireParty();
        const browserState = request.cookies[STATE_COOKIE];
        reply.clearCookie(STATE_COOKIE, { path: OIDC_PATH, httpOnly: true, sameSite: 'lax', secure });
        const ip = auditIp(request, env);
        try {
          const { state } = request.query;
          // Used at most once: a replayed callback (or a forged state) finds nothing.
          const flow = state ? await flows.take(state) : undefined;
          if (!flow)
            throw new OidcRefusal(state ? 'state unknown, expired or used' : 'state missing', 'expired');
          if (browserState !== flow.state) throw new OidcRefusal('state mismatch');

          const proof = await completeAuthorization(
            party,
            callbackUrl(request, party.settings.redirectUri),
            flow,
          );
          const identity = identityOf(proof.claims);
          if (!identity) throw new OidcRefusal('claims unreadable');
          const outcome = await accountForIdentity(db, identity, {
            locale: requestLocale(request),
            ip,
            assumeEmailVerified: party.settings.assumeEmailVerified,
          });
          if (outcome.revokedUnprovenAccess) {
            // The sessions an unproven registration held are gone: so are their live connections.
            ctx.viewers.forgetUser(outcome.userId);
            ctx.revocations.revoke({ circleId: EVERY_CIRCLE, userId: outcome.userId });
          }
          const session = await openSession(outcome.userId);
          await db.transaction().execute(async (trx) => {
            await trx
              .insertInto('oidcSessions')
              .values({ sessionId: session.id, idToken: proof.idToken, createdAt: new Date().toISOString() })
              .execute();
            await recordAudit(trx, {
              kind: 'auth.oidc-sign-in',
              actorId: outcome.userId,
              subject: { kind: 'user', id: outcome.userId },
              ip,
              detail: outcome.how === 'known' ? null : outcome.how,
            });
          });
          forwardSessionCookie(reply, session.headers);
          return reply.redirect(flow.returnTo, 303);
        } catch (error) {
          if (!(error instanceof OidcRefusal)) throw error;
          if (error.kind === 'unavailable')
            request.log.error({ err: error.cause }, 'OpenID Connect provider unreachable');
          await recordAudit(db, {
            kind: 'auth.oidc-refused',
            actorId: error.actorId,
            ip,
            detail: error.reason,
          });
          return reply.redirect(`${SIGN_IN_PAGE}?sso=${error.kind}`, 303);
        }
      },
    );
  };
}

/**
 * The URL the provider sent the browser to, as openid-client checks it: the registered redirect
 * URI with the query received (behind a proxy, the request's own host may differ).
 */
function callbackUrl(request: FastifyRequest, redirectUri: string): URL {
  const query = request.url.indexOf('?');
  return new URL(query === -1 ? redirectUri : `${redirectUri}${request.url.slice(query)}`);
}

function forwardSessionCookie(reply: FastifyReply, headers: Headers): void {
  const cookies = headers.getSetCookie();
  const existing = reply.getHeader('set-cookie');
  const before = Array.isArray(existing) ? existing : existing ? [String(existing)] : [];
  reply.header('set-cookie', [...before, ...cookies]);
}
