import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import { listOf } from '../../../contract/list.ts';
import {
  openSpaceCreateSchema,
  openSpacePatchSchema,
  openSpaceSchema,
  openSpaceSessionCreateSchema,
  openSpaceSessionDetailSchema,
  openSpaceSessionPatchSchema,
  openSpaceSummarySchema,
  presenceDeleteQuerySchema,
  presencePutSchema,
} from '../../../contract/open-space.ts';
import { openSpaceNotesDocument, openSpaceTopic } from '../../../domain/open-space.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import { requestLocale } from '../../http/request-locale.ts';
import type { Viewer } from '../../http/viewer.ts';
import { getEventAccess, getSteeredEvent } from '../events/events.public.ts';
import {
  getOpenSpaceAccess,
  getOpenSpaceSessionAccess,
  getOpenSpaceToTakePart,
  getSteeredOpenSpace,
} from './open-space-access.ts';
import {
  createOpenSpace,
  leavePresence,
  patchOpenSpace,
  patchSession,
  proposeSession,
  setPresence,
  withdrawSession,
} from './open-spaces.commands.ts';
import {
  listOpenSpaces,
  openSpaceDetail,
  openSpaceReport,
  openSpaceSessionDetail,
} from './open-spaces.queries.ts';

const tags = ['open spaces'];
const idParams = z.object({ id: z.string().max(100) });
const sessionParams = z.object({ id: z.string().max(100), sessionId: z.string().max(100) });
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};

/** Open spaces (forums ouverts) of events: the marketplace, presence, notes and the report. */
export function openSpacesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live } = ctx;
  const reread = async (id: string, viewer: Viewer | undefined) =>
    openSpaceDetail(db, await getOpenSpaceAccess(db, id, viewer), viewer);
  const rereadSession = async (sessionId: string, viewer: Viewer | undefined) =>
    openSpaceSessionDetail(db, await getOpenSpaceSessionAccess(db, sessionId, viewer), viewer);
  /** After each commit: the grid changed; followers refetch. */
  const changed = (openSpaceId: string) =>
    live.publish(openSpaceTopic(openSpaceId), { type: 'open-space.changed', openSpaceId });

  return async (app) => {
    app.post(
      '/events/:id/open-space',
      {
        schema: {
          tags,
          summary: 'Create an open space (forum ouvert) of an event: its rooms and time slots (organisers)',
          description:
            'Time slots must lie within the event, end after they start and not overlap each other (400 otherwise).',
          params: idParams,
          body: openSpaceCreateSchema,
          response: { 201: openSpaceSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { event } = await getSteeredEvent(db, request.params.id, viewer);
        const id = await createOpenSpace(db, event, viewer.id, request.body);
        return reply.status(201).send(await reread(id, viewer));
      },
    );

    app.get(
      '/events/:id/open-spaces',
      {
        schema: {
          tags,
          summary: 'The open spaces of an event',
          params: idParams,
          response: { 200: listOf(openSpaceSummarySchema), 404: errorBodySchema },
        },
      },
      async (request) => {
        const { event } = await getEventAccess(db, request.params.id, await viewers.find(request));
        return { items: await listOpenSpaces(db, event.id) };
      },
    );

    app.get(
      '/open-spaces/:id',
      {
        schema: {
          tags,
          summary: 'An open space: its grid of rooms × time slots, its sessions and where I am',
          description:
            'Sessions carry their host’s name and how many people are present, never who (live topic open-space:<id>).',
          params: idParams,
          response: { 200: openSpaceSchema, 404: errorBodySchema },
        },
      },
      async (request) => reread(request.params.id, await viewers.find(request)),
    );

    app.patch(
      '/open-spaces/:id',
      {
        schema: {
          tags,
          summary: 'Rename an open space (organisers)',
          params: idParams,
          body: openSpacePatchSchema,
          response: { 200: openSpaceSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { openSpace } = await getSteeredOpenSpace(db, request.params.id, viewer);
        await patchOpenSpace(db, openSpace, request.body);
        changed(openSpace.id);
        return reread(openSpace.id, viewer);
      },
    );

    app.post(
      '/open-spaces/:id/sessions',
      {
        schema: {
          tags,
          summary: 'Propose a session in a free cell of the marketplace (participants)',
          description: 'A taken cell (room and time slot) is refused with 409: one session per cell.',
          params: idParams,
          body: openSpaceSessionCreateSchema,
          response: { 201: openSpaceSessionDetailSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { openSpace } = await getOpenSpaceToTakePart(db, request.params.id, viewer);
        const sessionId = await proposeSession(db, openSpace.id, viewer.id, request.body);
        changed(openSpace.id);
        return reply.status(201).send(await rereadSession(sessionId, viewer));
      },
    );

    app.get(
      '/open-spaces/:id/sessions/:sessionId',
      {
        schema: {
          tags,
          summary: 'A session of an open space, with its shared notes as Markdown',
          params: sessionParams,
          response: { 200: openSpaceSessionDetailSchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const access = await getOpenSpaceSessionAccess(
          db,
          request.params.sessionId,
          viewer,
          request.params.id,
        );
        return openSpaceSessionDetail(db, access, viewer);
      },
    );

    app.patch(
      '/open-spaces/:id/sessions/:sessionId',
      {
        schema: {
          tags,
          summary: 'Edit, move or open the notes of a session (its host, the organisers)',
          description: 'Moving into a taken cell is refused with 409.',
          params: sessionParams,
          body: openSpaceSessionPatchSchema,
          response: { 200: openSpaceSessionDetailSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const access = await getOpenSpaceSessionAccess(
          db,
          request.params.sessionId,
          viewer,
          request.params.id,
        );
        if (!access.sessionAbilities.steer) {
          throw new AppError('FORBIDDEN', 'Only the session’s host and the organisers can change it');
        }
        await patchSession(db, access.session, request.body);
        changed(access.openSpace.id);
        // Who may write the notes may have changed: open editors reconnect under the new rule.
        if (request.body.notesOpen !== undefined) {
          ctx.revocations.closeTopic(openSpaceNotesDocument(access.session.id));
        }
        return rereadSession(access.session.id, viewer);
      },
    );

    app.delete(
      '/open-spaces/:id/sessions/:sessionId',
      {
        schema: {
          tags,
          summary: 'Withdraw a session: its cell is free again (its host, the organisers)',
          params: sessionParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const access = await getOpenSpaceSessionAccess(
          db,
          request.params.sessionId,
          viewer,
          request.params.id,
        );
        if (!access.sessionAbilities.steer) {
          throw new AppError('FORBIDDEN', 'Only the session’s host and the organisers can withdraw it');
        }
        await withdrawSession(db, access.session.id);
        ctx.revocations.closeTopic(openSpaceNotesDocument(access.session.id));
        changed(access.openSpace.id);
        return reply.status(204).send(null);
      },
    );

    app.put(
      '/open-spaces/:id/presence',
      {
        schema: {
          tags,
          summary: 'Say where I am now: one place per time slot (the law of two feet)',
          description: 'Being in another session of the same time slot replaces the previous place.',
          params: idParams,
          body: presencePutSchema,
          response: { 200: openSpaceSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { openSpace } = await getOpenSpaceToTakePart(db, request.params.id, viewer);
        await setPresence(db, openSpace.id, viewer.id, request.body.sessionId);
        changed(openSpace.id);
        return reread(openSpace.id, viewer);
      },
    );

    app.delete(
      '/open-spaces/:id/presence',
      {
        schema: {
          tags,
          summary: 'Leave my place in a time slot (or every place in this open space)',
          params: idParams,
          querystring: presenceDeleteQuerySchema,
          response: { 200: openSpaceSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { openSpace } = await getOpenSpaceAccess(db, request.params.id, viewer);
        await leavePresence(db, openSpace.id, viewer.id, request.query.slotId);
        changed(openSpace.id);
        return reread(openSpace.id, viewer);
      },
    );

    app.get(
      '/open-spaces/:id/report.md',
      {
        schema: {
          tags,
          summary: 'The report: every session’s notes under its title, by time slot then room (organisers)',
          params: idParams,
          querystring: z.object({ lang: z.enum(['fr', 'en']).optional() }),
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const access = await getSteeredOpenSpace(db, request.params.id, viewer);
        const markdown = await openSpaceReport(db, access, request.query.lang ?? requestLocale(request));
        return reply
          .type('text/markdown; charset=utf-8')
          .header('content-disposition', 'inline; filename="forum-ouvert.md"')
          .send(markdown);
      },
    );
  };
}
