import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { outboxMessageSchema } from '../../../contract/admin.ts';
import { pageOf, pageQuerySchema } from '../../../contract/list.ts';
import type { AppContext } from '../../app-context.ts';
import { toBool, toIso } from '../../db/columns.ts';
import { type Keyset, pageQuery, toPage } from '../../db/keyset.ts';
import { adminErrors, hideFromNonAdmins } from './admin-guard.ts';

const outboxOrder: Keyset<{ id: string; createdAt: string | Date }> = {
  list: 'outbox',
  keys: [{ expr: 'createdAt', kind: 'time', direction: 'desc' }],
  id: 'id',
  of: (row) => ({ keys: [row.createdAt], id: row.id }),
};

export function adminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers } = ctx;
  return async (app) => {
    hideFromNonAdmins(app, viewers);

    app.get(
      '/admin/outbox',
      {
        schema: {
          tags: ['admin'],
          summary: 'Mail kept on the instance when no SMTP server is configured (instance admins)',
          description:
            'What admins may see of it: account mails by their envelope only, other mails without ' +
            'the secret links they carry.',
          querystring: pageQuerySchema,
          response: { 200: pageOf(outboxMessageSchema), ...adminErrors },
        },
      },
      async (request) => {
        const page = { ...request.query, scope: 'outbox' };
        const rows = await pageQuery(
          db.selectFrom('outboxMessages').selectAll(),
          outboxOrder,
          page,
        ).execute();
        const { items, nextCursor } = toPage(rows, outboxOrder, page);
        return {
          nextCursor,
          items: items.map((row) => ({
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
