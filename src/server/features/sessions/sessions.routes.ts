import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import { listOf } from '../../../contract/list.ts';
import {
  agendaItemSchema,
  agendaPutSchema,
  agendaTemplateSchema,
  announcementsPutSchema,
  checkinPutSchema,
  checkinSchema,
  currentItemSchema,
  participantAddSchema,
  participantPatchSchema,
  participantPutSchema,
  sessionCreateSchema,
  sessionPatchSchema,
  sessionSchema,
  sessionSummarySchema,
} from '../../../contract/session.ts';
import { buildAgendaFromTemplate } from '../../../domain/agenda-templates.ts';
import type { AppContext } from '../../app-context.ts';
import { toIso } from '../../db/columns.ts';
import { AppError } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { canSteer, requireSteward } from '../circles/circle-stewards.ts';
import { getVisibleCircle } from '../circles/circles.queries.ts';
import { getUser } from '../users/users.queries.ts';
import { renderMinutes } from './minutes.ts';
import { isParticipant, requireParticipant } from './session-access.ts';
import {
  addGuestParticipant,
  createSession,
  patchSession,
  replaceAgenda,
  replaceAnnouncements,
  setCurrentItem,
  setOwnParticipation,
  upsertCheckin,
} from './sessions.commands.ts';
import {
  getVisibleSession,
  listCircleSessions,
  listViewerSessions,
  loadSessionDetail,
} from './sessions.queries.ts';

const tags = ['sessions'];
const idParams = z.object({ id: z.string().max(100) });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

export function sessionsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live } = ctx;
  const topic = (sessionId: string) => `session:${sessionId}`;

  async function detail(sessionId: string, viewer: Viewer | undefined) {
    const { session, circle } = await getVisibleSession(db, sessionId, viewer);
    const canFacilitate = viewer ? await canSteer(db, circle, viewer) : false;
    const canParticipate = viewer ? await isParticipant(db, session, circle, viewer) : false;
    return loadSessionDetail(db, session, circle.name, { canFacilitate, canParticipate });
  }

  /** The session for a write by its facilitators (404 if invisible, 403 if not a steward). */
  async function forStewards(sessionId: string, viewer: Viewer) {
    const found = await getVisibleSession(db, sessionId, viewer);
    await requireSteward(db, found.circle, viewer);
    return found;
  }

  return async (app) => {
    app.get(
      '/circles/:id/sessions',
      {
        schema: {
          tags,
          summary: 'Sessions of a circle',
          params: idParams,
          response: { 200: listOf(sessionSummarySchema), 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const circle = await getVisibleCircle(db, request.params.id, viewer);
        // Waitlisted people and requesters see a private circle, not its sessions.
        const mayList =
          circle.visibility !== 'private' ||
          circle.myStatus === 'member' ||
          (viewer && (await canSteer(db, circle, viewer)));
        return { items: mayList ? await listCircleSessions(db, circle.id, circle.name) : [] };
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
        await requireSteward(db, circle, viewer);
        const id = await createSession(db, circle.id, viewer.id, request.body);
        return reply.status(201).send(await detail(id, viewer));
      },
    );

    app.get(
      '/me/sessions',
      {
        schema: {
          tags,
          summary: 'Sessions of my circles: coming (default) or past',
          querystring: z.object({ when: z.enum(['upcoming', 'past']).default('upcoming') }),
          response: { 200: listOf(sessionSummarySchema), 400: errorBodySchema, 401: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        // A session that ended less than 12 hours ago still counts as current (minutes to finish).
        const now = new Date(Date.now() - 12 * 3600_000).toISOString();
        return { items: await listViewerSessions(db, viewer.id, request.query.when, now) };
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
        const locale = (await getUser(db, viewer.id)).locale === 'en' ? 'en' : 'fr';
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
        await setCurrentItem(db, session, request.body.itemId);
        const updated = await detail(session.id, viewer);
        live.publish(topic(session.id), {
          type: 'agenda.item.started',
          sessionId: session.id,
          itemId: updated.currentItemId,
          startedAt: updated.currentItemStartedAt,
        });
        return updated;
      },
    );

    app.put(
      '/sessions/:id/checkins/me',
      {
        schema: {
          tags,
          summary: 'My weather in the check-in (or closing) round',
          params: idParams,
          body: checkinPutSchema,
          response: { 200: listOf(checkinSchema), ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session, circle } = await getVisibleSession(db, request.params.id, viewer);
        await requireParticipant(db, session, circle, viewer);
        await upsertCheckin(db, session.id, viewer.id, request.body);
        live.publish(topic(session.id), {
          type: 'checkin.updated',
          sessionId: session.id,
          userId: viewer.id,
        });
        return { items: (await detail(session.id, viewer)).checkins };
      },
    );

    app.put(
      '/sessions/:id/participants/me',
      {
        schema: {
          tags,
          summary: 'Answer an invitation: coming or excused',
          params: idParams,
          body: participantPutSchema,
          response: { 200: sessionSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session, circle } = await getVisibleSession(db, request.params.id, viewer);
        await requireParticipant(db, session, circle, viewer);
        await setOwnParticipation(db, session.id, viewer.id, request.body.status);
        live.publish(topic(session.id), { type: 'participants.updated', sessionId: session.id });
        return detail(session.id, viewer);
      },
    );

    app.post(
      '/sessions/:id/participants',
      {
        schema: {
          tags,
          summary: 'Invite a member or list a guest by name (facilitators)',
          params: idParams,
          body: participantAddSchema,
          response: { 201: sessionSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { session } = await forStewards(request.params.id, viewer);
        const { userId, guestName, status = 'invited' } = request.body;
        if (guestName) await addGuestParticipant(db, session.id, guestName, status);
        if (userId) {
          const inCircle = await db
            .selectFrom('circleMembers')
            .select('userId')
            .where('circleId', '=', session.circleId)
            .where('status', '=', 'member')
            .where('userId', '=', userId)
            .executeTakeFirst();
          if (!inCircle)
            throw new AppError('INVALID_INPUT', 'Only members of the circle can be invited by account', [
              { path: ['body', 'userId'], message: 'not in the circle' },
            ]);
          await setOwnParticipation(db, session.id, userId, status);
        }
        live.publish(topic(session.id), { type: 'participants.updated', sessionId: session.id });
        return reply.status(201).send(await detail(session.id, viewer));
      },
    );

    app.patch(
      '/sessions/:id/participants/:participantId',
      {
        schema: {
          tags,
          summary: 'Record attendance (facilitators)',
          params: idParams.extend({ participantId: z.string().max(100) }),
          body: participantPatchSchema,
          response: { 200: sessionSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session } = await forStewards(request.params.id, viewer);
        const updated = await db
          .updateTable('sessionParticipants')
          .set({ status: request.body.status })
          .where('id', '=', request.params.participantId)
          .where('sessionId', '=', session.id)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', 'Participant not found');
        live.publish(topic(session.id), { type: 'participants.updated', sessionId: session.id });
        return detail(session.id, viewer);
      },
    );

    app.put(
      '/sessions/:id/announcements',
      {
        schema: {
          tags,
          summary: 'What must be told to the wider community (“à communiquer”)',
          params: idParams,
          body: announcementsPutSchema,
          response: { 200: sessionSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session, circle } = await getVisibleSession(db, request.params.id, viewer);
        await requireParticipant(db, session, circle, viewer);
        await replaceAnnouncements(db, session.id, request.body.items);
        live.publish(topic(session.id), { type: 'announcements.updated', sessionId: session.id });
        return detail(session.id, viewer);
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
  };
}
