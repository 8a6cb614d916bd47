import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminUserPatchSchema, adminUserSchema, adminUsersQuerySchema } from '../../../contract/admin.ts';
import { errorBodySchema } from '../../../contract/error.ts';
import { pageOf } from '../../../contract/list.ts';
import type { AppContext } from '../../app-context.ts';
import { toBool, toIso } from '../../db/columns.ts';
import type { UserRow } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import { EVERY_CIRCLE } from '../../live/access-revocations.ts';
import { auditIp } from '../audit/audit.public.ts';
import { adminErrors, hideFromNonAdmins } from './admin-guard.ts';
import { signOutEverywhere, updateAccount } from './admin-users.commands.ts';
import { searchAccounts } from './admin-users.queries.ts';

const tags = ['admin'];
const idParams = z.object({ id: z.string().min(1).max(100) });

function toAdminUserDto(row: UserRow) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    isAdmin: toBool(row.isAdmin),
    disabled: row.disabledAt !== null,
    isPlaceholder: toBool(row.isPlaceholder),
    createdAt: toIso(row.createdAt),
  };
}

export function adminUsersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, database, env, viewers, revocations } = ctx;
  /** The person's live sockets and notes connections close, here and on the other instances. */
  const endConnections = (userId: string) => {
    viewers.forgetUser(userId);
    revocations.revoke({ circleId: EVERY_CIRCLE, userId });
  };
  return async (app) => {
    hideFromNonAdmins(app, viewers);

    app.get(
      '/admin/users',
      {
        schema: {
          tags,
          summary: 'Accounts, by name, searched by name or e-mail (instance admins)',
          querystring: adminUsersQuerySchema,
          response: { 200: pageOf(adminUserSchema), ...adminErrors },
        },
      },
      async (request) => {
        const { q, accounts, ...paging } = request.query;
        const page = { ...paging, scope: `${accounts ?? ''}:${q ?? ''}` };
        const { items, nextCursor } = await searchAccounts(database, { q, accounts }, page);
        return { items: items.map(toAdminUserDto), nextCursor };
      },
    );

    app.patch(
      '/admin/users/:id',
      {
        schema: {
          tags,
          summary: 'Disable or re-enable an account; grant or revoke instance admin',
          description:
            'A disabled account cannot sign in by any means; its sessions and live connections end. ' +
            'An admin cannot disable themselves, and the last admin stays (409).',
          params: idParams,
          body: adminUserPatchSchema,
          response: { 200: adminUserSchema, ...adminErrors, 409: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { id } = request.params;
        const { sessionsEnded } = await updateAccount(db, id, request.body, {
          actorId: viewer.id,
          ip: auditIp(request, env),
        });
        if (sessionsEnded) endConnections(id);
        // A changed admin flag must be read again at the person's next request.
        viewers.forgetUser(id);
        const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw notFound('User');
        return toAdminUserDto(row);
      },
    );

    app.post(
      '/admin/users/:id/sign-out',
      {
        schema: {
          tags,
          summary: 'Sign an account out everywhere: every session and live connection ends',
          params: idParams,
          response: { 204: z.null().describe('Signed out everywhere'), ...adminErrors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        await signOutEverywhere(db, request.params.id, { actorId: viewer.id, ip: auditIp(request, env) });
        endConnections(request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
