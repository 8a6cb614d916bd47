import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { outboxMessageSchema } from '../../../contract/admin.ts';
import { errorBodySchema } from '../../../contract/error.ts';
import { listOf } from '../../../contract/list.ts';
import type { AppContext } from '../../app-context.ts';
import { toBool, toIso } from '../../db/columns.ts';
import { AppError } from '../../http/errors.ts';

export function adminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers } = ctx;
  return async (app) => {
    app.get(
      '/admin/outbox',
      {
        schema: {
          tags: ['admin'],
          summary: 'Mail kept on the instance when no SMTP server is configured (instance admins)',
          description:
            'What admins may see of it: account mails by their envelope only, other mails without ' +
            'the secret links they carry.',
          response: { 200: listOf(outboxMessageSchema), 401: errorBodySchema, 403: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        if (!viewer.isAdmin) throw new AppError('FORBIDDEN', 'Instance admins only');
        const rows = await db
          .selectFrom('outboxMessages')
          .selectAll()
          .orderBy('createdAt', 'desc')
          .orderBy('id')
          .limit(200)
          .execute();
        return {
          items: rows.map((row) => ({
            id: row.id,
            to: row.toAddress,
            subject: row.subject,
            text: row.textBody,
            withheld: toBool(row.contentWithheld),
            createdAt: toIso(row.createdAt),
          })),
        };
      },
    );
  };
}
