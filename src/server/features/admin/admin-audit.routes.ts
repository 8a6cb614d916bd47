import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditCsvQuerySchema, auditItemSchema, auditQuerySchema } from '../../../contract/admin.ts';
import { pageOf } from '../../../contract/list.ts';
import type { AppContext } from '../../app-context.ts';
import { allAuditEvents, auditScope, listAuditEvents } from '../audit/audit.public.ts';
import { adminErrors, hideFromNonAdmins } from './admin-guard.ts';

const tags = ['admin'];
const csvColumns = [
  'id',
  'at',
  'kind',
  'actor_id',
  'actor_name',
  'subject_kind',
  'subject_id',
  'ip',
  'detail',
];

/** The stream leaves as it is read: the export never holds the whole log (the route schema types strings). */
function sendCsv(reply: FastifyReply, csv: Readable) {
  const day = new Date().toISOString().slice(0, 10);
  reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="archipel-audit-${day}.csv"`);
  return reply.send(csv);
}

export function adminAuditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers } = ctx;
  return async (app) => {
    hideFromNonAdmins(app, viewers);

    app.get(
      '/admin/audit',
      {
        schema: {
          tags,
          summary: 'The audit log, newest first, filtered by kind, actor and period (instance admins)',
          description:
            'Entries name people by their id; the actor’s current name is joined while the account exists.',
          querystring: auditQuerySchema,
          response: { 200: pageOf(auditItemSchema), ...adminErrors },
        },
      },
      async (request) => {
        const { cursor, limit, ...filter } = request.query;
        const page = { limit, scope: auditScope(filter), ...(cursor !== undefined && { cursor }) };
        return listAuditEvents(db, filter, page);
      },
    );

    app.get(
      '/admin/audit.csv',
      {
        schema: {
          tags,
          summary: 'The audit log as CSV, with the same filters (streamed)',
          querystring: auditCsvQuerySchema,
          produces: ['text/csv', 'application/json'],
          response: { 200: z.string().describe('text/csv, one entry a line'), ...adminErrors },
        },
      },
      async (request, reply) => {
        const rows = Readable.from(
          (async function* () {
            for await (const item of allAuditEvents(db, request.query)) {
              yield [
                item.id,
                item.at,
                item.kind,
                item.actor?.id ?? '',
                item.actor?.name ?? '',
                item.subject?.kind ?? '',
                item.subject?.id ?? '',
                item.ip ?? '',
                item.detail ?? '',
              ];
            }
          })(),
        );
        return sendCsv(reply, rows.pipe(stringify({ header: true, columns: csvColumns })));
      },
    );
  };
}
