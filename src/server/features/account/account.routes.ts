import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deleteAccountSchema, REAUTHENTICATION_MINUTES } from '../../../contract/account.ts';
import { errorBodySchema } from '../../../contract/error.ts';
import type { AppContext } from '../../app-context.ts';
import { toIso } from '../../db/columns.ts';
import { AppError } from '../../http/errors.ts';
import { authRateLimit } from '../../http/rate-limit.ts';
import { authHeaders } from '../../http/viewer.ts';
import { EVERY_CIRCLE } from '../../live/access-revocations.ts';
import { auditIp, recordAudit } from '../audit/audit.public.ts';
import { eraseAccount } from './account-erasure.ts';
import { collectExport } from './account-export.ts';
import { exportZip } from './export-archive.ts';

const tags = ['me'];

/** The sign-in the request was made with must be this recent when the account has no password. */
const REAUTHENTICATION_MS = REAUTHENTICATION_MINUTES * 60_000;

/** The session cookie, expired: the browser forgets a session that no longer exists. */
function clearSessionCookie(reply: FastifyReply, publicUrl: string) {
  const secure = publicUrl.startsWith('https://');
  const name = `${secure ? '__Secure-' : ''}archipel.session_token`;
  reply.header(
    'set-cookie',
    `${name}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`,
  );
}

export function accountRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, env, viewers, auth } = ctx;

  /** The password when the account has one, a recent sign-in otherwise (decision 040). */
  async function reauthenticate(request: FastifyRequest, userId: string, password: string | undefined) {
    const credential = await db
      .selectFrom('authAccounts')
      .select('password')
      .where('userId', '=', userId)
      .where('providerId', '=', 'credential')
      .where('password', 'is not', null)
      .executeTakeFirst();
    if (credential?.password) {
      if (!password) {
        throw new AppError('INVALID_INPUT', 'Your password is needed to delete your account', [
          { path: ['body', 'password'], message: 'required' },
        ]);
      }
      const context = await auth.$context;
      if (!(await context.password.verify({ hash: credential.password, password }))) {
        throw new AppError('FORBIDDEN', 'The password is not right', { reason: 'WRONG_PASSWORD' });
      }
      return;
    }
    const session = await auth.api.getSession({ headers: authHeaders(request) });
    const signedInAt = session ? Date.parse(toIso(session.session.createdAt)) : 0;
    if (Date.now() - signedInAt > REAUTHENTICATION_MS) {
      throw new AppError('FORBIDDEN', 'Sign in again, then delete your account within 10 minutes', {
        reason: 'REAUTHENTICATE',
      });
    }
  }

  return async (app) => {
    app.get(
      '/me/export',
      {
        config: { rateLimit: authRateLimit(env) },
        schema: {
          tags,
          summary:
            'My data: a ZIP holding archipel-export.json (everything about me that I may see) and ' +
            'index.html (the same as a readable page)',
          produces: ['application/zip'],
          response: {
            200: z.any().describe('application/zip'),
            401: errorBodySchema,
            429: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const data = await collectExport(db, viewer);
        await recordAudit(db, {
          kind: 'account.export',
          actorId: viewer.id,
          subject: { kind: 'user', id: viewer.id },
          ip: auditIp(request, env),
        });
        const locale = data.sections.profile?.[0]?.locale;
        return reply
          .type('application/zip')
          .header('cache-control', 'no-store')
          .header('content-disposition', 'attachment; filename="archipel-export.zip"')
          .send(Buffer.from(exportZip(data, locale)));
      },
    );

    app.delete(
      '/me',
      {
        config: { rateLimit: authRateLimit(env) },
        schema: {
          tags,
          summary:
            'Delete my account: my password, or a sign-in less than 10 minutes old when I have none. ' +
            'Sessions end everywhere, personal data is erased, contributions stay as "Ancien·ne membre"',
          body: deleteAccountSchema,
          response: {
            204: z.null().describe('Deleted'),
            400: errorBodySchema,
            401: errorBodySchema,
            403: errorBodySchema,
            429: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        await reauthenticate(request, viewer.id, request.body.password);
        const outcome = await db.transaction().execute(async (trx) => {
          const erased = await eraseAccount(trx, viewer.id, ctx.leaving);
          if (erased) {
            await recordAudit(trx, {
              kind: 'account.delete',
              actorId: viewer.id,
              subject: { kind: 'user', id: viewer.id },
              ip: auditIp(request, env),
            });
          }
          return erased;
        });
        // After the commit: this instance forgets the sessions at once, every instance closes the
        // person's live sockets and notes connections, and open polls' followers recount.
        viewers.forgetUser(viewer.id);
        ctx.revocations.revoke({ circleId: EVERY_CIRCLE, userId: viewer.id });
        for (const pollId of outcome?.pollIds ?? []) {
          ctx.live.publish(`poll:${pollId}`, { type: 'poll.results.updated', pollId });
        }
        clearSessionCookie(reply, env.PUBLIC_URL);
        return reply.status(204).send(null);
      },
    );
  };
}
