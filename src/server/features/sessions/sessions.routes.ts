import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import { listOf, pageOf, pageQuerySchema } from '../../../contract/list.ts';
import {
  agendaItemSchema,
  agendaPutSchema,
  agendaTemplateSchema,
  currentItemSchema,
  sessionCancelSchema,
  sessionCreateSchema,
  sessionPatchSchema,
  sessionSchema,
  sessionSeriesCreatedSchema,
  sessionSeriesCreateSchema,
  sessionSummarySchema,
} from '../../../contract/session.ts';
import { buildAgendaFromTemplate } from '../../../domain/agenda-templates.ts';
import { SESSION_GRACE_MS } from '../../../domain/session.ts';
import type { AppContext } from '../../app-context.ts';
import { toIso } from '../../db/columns.ts';
import { AppError } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { inPublishOrder } from '../../live/publish-order.ts';
import { asLocale } from '../../mail/mail-i18n.ts';
import { abilitiesInCircle, requireSteward } from '../../policy/access.ts';
import { getVisibleCircle } from '../circles/circles.public.ts';
import { getUser } from '../users/users.public.ts';
import { renderMinutes } from './minutes.ts';
import { minutesToOdt, minutesToPdf, ODT_MIME } from './minutes-documents.ts';
import { deleteSession } from './session-deletion.ts';
import { sessionDetail, sessionForStewards, sessionTopic } from './session-reads.ts';
import {
  cancelSession,
  createSession,
  createSessionSeries,
  patchSession,
  replaceAgenda,
  setCurrentItem,
} from './sessions.commands.ts';
import { listCircleSessions, listViewerSessions } from './sessions.queries.ts';

const tags = ['sessions'];
const idParams = z.object({ id: z.string().max(100) });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

export function sessionsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live } = ctx;
  const topic = sessionTopic;
  const detail = (sessionId: string, viewer: Viewer | undefined) => sessionDetail(db, sessionId, viewer);
  const forStewards = (sessionId: string, viewer: Viewer) => sessionForStewards(db, sessionId, viewer);

  return async (app) => {
    app.get(
      '/circles/:id/sessions',
      {
        schema: {
          tags,
          summary: 'Sessions of a circle',
          params: idParams,
          querystring: pageQuerySchema,
          response: { 200: pageOf(sessionSummarySchema), 400: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const circle = await getVisibleCircle(db, request.params.id, viewer);
        // Waitlisted people and requesters see a private circle, not its sessions.
        const mayList = abilitiesInCircle(circle, viewer, { kind: 'session', isListed: false }).read;
        if (!mayList) return { items: [], nextCursor: null };
        return listCircleSessions(db, circle.id, circle.name, { ...request.query, scope: circle.id });
      },
    );

    app.post(
      '/circles/:id/sessions',
      {
        schema: {
          tags,
          summary: 'Plan a session (facilitators)',
          params: idParams,
          body: sessionCreateSchema,
          response: { 201: sessionSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const circle = await getVisibleCircle(db, request.params.id, viewer);
        requireSteward(circle, viewer);
        const id = await createSession(db, circle.id, viewer.id, request.body);
        return reply.status(201).send(await detail(id, viewer));
      },
    );

    app.post(
      '/circles/:id/session-series',
      {
        schema: {
          tags,
          summary:
            'Plan recurring sessions (facilitators): every N weeks or every Nth weekday of the month, ' +
            'with skipped and moved dates; each occurrence is an ordinary session',
          params: idParams,
          body: sessionSeriesCreateSchema,
          response: { 201: sessionSeriesCreatedSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const circle = await getVisibleCircle(db, request.params.id, viewer);
        requireSteward(circle, viewer);
        return reply.status(201).send(await createSessionSeries(db, circle.id, viewer.id, request.body));
      },
    );

    app.get(
      '/me/sessions',
      {
        schema: {
          tags,
          summary: 'Sessions of my circles: coming (default) or past',
          querystring: pageQuerySchema.extend({ when: z.enum(['upcoming', 'past']).default('upcoming') }),
          response: { 200: pageOf(sessionSummarySchema), 400: errorBodySchema, 401: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        // The SQL twin of isSessionOver: a session within its grace period still counts as current.
        const now = new Date(Date.now() - SESSION_GRACE_MS).toISOString();
        const { when } = request.query;
        return listViewerSessions(db, viewer.id, when, now, { ...request.query, scope: 'mine' });
      },
    );

    app.get(
      '/sessions/:id',
      {
        schema: {
          tags,
          summary: 'A session with its agenda, participants, check-ins and actions',
          params: idParams,
          response: { 200: sessionSchema, 404: errorBodySchema },
        },
      },
      async (request) => detail(request.params.id, await viewers.find(request)),
    );

    app.patch(
      '/sessions/:id',
      {
        schema: {
          tags,
          summary: 'Edit a session, its synthesis and notes (facilitators)',
          params: idParams,
          body: sessionPatchSchema,
          response: { 200: sessionSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session } = await forStewards(request.params.id, viewer);
        await patchSession(db, session, request.body);
        live.publish(topic(session.id), { type: 'session.updated', sessionId: session.id });
        return detail(session.id, viewer);
      },
    );

    app.post(
      '/sessions/:id/cancel',
      {
        schema: {
          tags,
          summary: 'Call a session off, with a reason; it stays listed as cancelled (facilitators)',
          params: idParams,
          body: sessionCancelSchema,
          response: { 200: sessionSchema, 409: errorBodySchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session } = await forStewards(request.params.id, viewer);
        await cancelSession(db, session.id, request.body.reason);
        live.publish(topic(session.id), { type: 'session.cancelled', sessionId: session.id });
        return detail(session.id, viewer);
      },
    );

    app.delete(
      '/sessions/:id',
      {
        schema: {
          tags,
          summary:
            'Delete a session and what only it holds; its next steps, boards and polls stay, detached (facilitators)',
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { session } = await forStewards(request.params.id, viewer);
        await deleteSession(db, session.id);
        live.publish(topic(session.id), { type: 'session.deleted', sessionId: session.id });
        ctx.revocations.closeTopic(topic(session.id));
        return reply.status(204).send(null);
      },
    );

    app.put(
      '/sessions/:id/agenda',
      {
        schema: {
          tags,
          summary: 'Replace the agenda (facilitators)',
          params: idParams,
          body: agendaPutSchema,
          response: { 200: listOf(agendaItemSchema), ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session } = await forStewards(request.params.id, viewer);
        await replaceAgenda(db, session, request.body.items);
        live.publish(topic(session.id), { type: 'agenda.updated', sessionId: session.id });
        return { items: (await detail(session.id, viewer)).agenda };
      },
    );

    app.post(
      '/sessions/:id/agenda/template',
      {
        schema: {
          tags,
          summary: 'Replace the agenda with a method template (facilitators)',
          params: idParams,
          body: agendaTemplateSchema,
          response: { 200: listOf(agendaItemSchema), ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session } = await forStewards(request.params.id, viewer);
        const locale = asLocale((await getUser(db, viewer.id)).locale);
        const items = buildAgendaFromTemplate(
          request.body.template,
          Date.parse(toIso(session.startsAt)),
          locale,
        );
        const fitting = items.filter((item) => item.endsAt <= Date.parse(toIso(session.endsAt)));
        if (fitting.length < items.length) {
          throw new AppError('INVALID_INPUT', 'The session is too short for this method: lengthen it first', [
            {
              path: ['body', 'template'],
              message: `needs ${(items.at(-1)?.endsAt ?? 0) - (items[0]?.startsAt ?? 0)} ms`,
            },
          ]);
        }
        await replaceAgenda(
          db,
          session,
          items.map((item) => ({
            ...item,
            startsAt: new Date(item.startsAt).toISOString(),
            endsAt: new Date(item.endsAt).toISOString(),
          })),
        );
        live.publish(topic(session.id), { type: 'agenda.updated', sessionId: session.id });
        return { items: (await detail(session.id, viewer)).agenda };
      },
    );

    app.post(
      '/sessions/:id/current-item',
      {
        schema: {
          tags,
          summary: 'Move the room to an agenda item; the first move starts the session (facilitators)',
          params: idParams,
          body: currentItemSchema,
          response: { 200: sessionSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session } = await forStewards(request.params.id, viewer);
        const updated = await inPublishOrder(topic(session.id), async () => {
          const version = await setCurrentItem(db, session, request.body.itemId);
          // Read inside the order: no later move's state can be read here and published as this one's.
          const read = await detail(session.id, viewer);
          live.publish(topic(session.id), {
            type: 'agenda.item.started',
            sessionId: session.id,
            itemId: read.currentItemId,
            startedAt: read.currentItemStartedAt,
            version,
            status: read.status,
          });
          return read;
        });
        return updated;
      },
    );

    app.get(
      '/sessions/:id/minutes.md',
      {
        schema: {
          tags,
          summary: 'The minutes (compte rendu) as Markdown',
          params: idParams,
          querystring: z.object({ lang: z.enum(['fr', 'en']).optional() }),
        },
      },
      async (request, reply) => {
        const session = await detail(request.params.id, await viewers.find(request));
        const markdown = renderMinutes(session, request.query.lang ?? 'fr');
        const filename = `compte-rendu-${session.startsAt.slice(0, 10)}.md`;
        return reply
          .type('text/markdown; charset=utf-8')
          .header('content-disposition', `inline; filename="${filename}"`)
          .send(markdown);
      },
    );

    // The same minutes as an OpenDocument text and as a PDF, for those who print or edit them.
    for (const format of ['odt', 'pdf'] as const) {
      app.get(
        `/sessions/:id/minutes.${format}`,
        {
          schema: {
            tags,
            summary: `The minutes (compte rendu) as ${format === 'odt' ? 'an OpenDocument text' : 'a PDF'}`,
            params: idParams,
            querystring: z.object({ lang: z.enum(['fr', 'en']).optional() }),
          },
        },
        async (request, reply) => {
          const session = await detail(request.params.id, await viewers.find(request));
          const markdown = renderMinutes(session, request.query.lang ?? 'fr');
          const filename = `compte-rendu-${session.startsAt.slice(0, 10)}.${format}`;
          const file =
            format === 'odt'
              ? minutesToOdt(markdown, session.title)
              : await minutesToPdf(markdown, session.title);
          return reply
            .type(format === 'odt' ? ODT_MIME : 'application/pdf')
            .header('content-disposition', `attachment; filename="${filename}"`)
            .send(Buffer.from(file));
        },
      );
    }
  };
}
