import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import {
  eventCreateSchema,
  eventListQuerySchema,
  eventPatchSchema,
  eventSchema,
  eventSummarySchema,
  siteCreateSchema,
  sitePatchSchema,
  siteSchema,
  slotCreateSchema,
  slotPatchSchema,
  slotSchema,
} from '../../../contract/event.ts';
import { pageOf, pageQuerySchema } from '../../../contract/list.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { requestLocale } from '../../http/request-locale.ts';
import type { Viewer } from '../../http/viewer.ts';
import { EVERYONE } from '../../live/access-revocations.ts';
import {
  communityEventAbilities,
  eventTopic,
  findCommunity,
  getEventAccess,
  getSteeredEvent,
} from './event-access.ts';
import { communityEventsCalendar } from './event-calendar.ts';
import {
  addSite,
  addSlot,
  createEvent,
  deleteEvent,
  deleteSite,
  deleteSlot,
  patchEvent,
  patchSite,
  patchSlot,
} from './events.commands.ts';
import { eventDetail, listEvents } from './events.queries.ts';
import { checkSlotMove, promoteWaitlists, releaseOutsiders } from './registrations.commands.ts';

const tags = ['events'];
const idParams = z.object({ id: z.string().max(100) });
const slugParams = z.object({ slug: z.string().max(100) });
const siteParams = idParams.extend({ siteId: z.string().max(100) });
const slotParams = idParams.extend({ slotId: z.string().max(100) });
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};

export function sendIcs(
  reply: FastifyReply,
  ics: string,
  filename: string,
  cacheControl = 'private, no-store',
) {
  return reply
    .type('text/calendar; charset=utf-8')
    .header('cache-control', cacheControl)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(ics);
}

export function eventsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live } = ctx;
  const publicUrl = ctx.env.PUBLIC_URL;
  const reread = async (id: string, viewer: Viewer | undefined) =>
    eventDetail(db, await getEventAccess(db, id, viewer), viewer);
  const changed = (eventId: string) => live.publish(eventTopic(eventId), { type: 'event.changed', eventId });

  return async (app) => {
    app.post(
      '/communities/:slug/events',
      {
        schema: {
          tags,
          summary: 'Create an event of the community (animators)',
          params: slugParams,
          body: eventCreateSchema,
          response: { 201: eventSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { community, standing } = await findCommunity(db, request.params.slug, viewer);
        // Communities are listed for everyone: refusing is a 403, not a 404.
        if (!communityEventAbilities(standing).steer)
          throw new AppError('FORBIDDEN', 'Only the community’s animators create events');
        const id = await createEvent(db, community.id, viewer.id, request.body);
        return reply.status(201).send(await reread(id, viewer));
      },
    );

    app.get(
      '/communities/:slug/events',
      {
        schema: {
          tags,
          summary: 'Events of a community in time order: public ones for all, community ones for its members',
          params: slugParams,
          querystring: pageQuerySchema.extend(eventListQuerySchema.shape),
          response: { 200: pageOf(eventSummarySchema), 400: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const { community, standing } = await findCommunity(db, request.params.slug, viewer);
        const { from, ...page } = request.query;
        return listEvents(
          db,
          community,
          standing,
          { from },
          { ...page, scope: `${community.id}:${from ?? ''}` },
        );
      },
    );

    app.get(
      '/communities/:slug/events.ics',
      {
        schema: {
          tags,
          summary: 'The community’s public events as a calendar feed (RFC 5545); no account needed',
          params: slugParams,
          produces: ['text/calendar', 'application/json'],
          response: { 200: z.string().describe('text/calendar (RFC 5545)'), 404: errorBodySchema },
        },
      },
      async (request, reply) => {
        const { community } = await findCommunity(db, request.params.slug, undefined);
        const ics = await communityEventsCalendar(db, community, {
          publicUrl,
          locale: requestLocale(request),
        });
        return sendIcs(reply, ics, `${community.slug}-evenements.ics`, 'public, max-age=300');
      },
    );

    app.get(
      '/events/:id',
      {
        schema: {
          tags,
          summary: 'An event with its sites, programme (with counts) and the viewer’s registration',
          params: idParams,
          response: { 200: eventSchema, 404: errorBodySchema },
        },
      },
      async (request) => reread(request.params.id, await viewers.find(request)),
    );

    app.patch(
      '/events/:id',
      {
        schema: {
          tags,
          summary: 'Edit or cancel an event (organisers); a larger capacity promotes the waitlist',
          params: idParams,
          body: eventPatchSchema,
          response: { 200: eventSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { event, community } = await getSteeredEvent(db, request.params.id, viewer);
        await patchEvent(db, event, request.body, { promote: promoteWaitlists, releaseOutsiders });
        changed(event.id);
        // Narrowed to the community, or cancelled: live topics and notes connections under the
        // community are checked again, and those who may no longer follow them are let go.
        if (
          (request.body.visibility === 'community' && event.visibility === 'public') ||
          request.body.cancelled
        ) {
          ctx.revocations.revoke({ circleId: `community:${community.id}`, userId: EVERYONE });
        }
        return reread(event.id, viewer);
      },
    );

    app.delete(
      '/events/:id',
      {
        schema: {
          tags,
          summary: 'Delete an event, its programme and registrations (organisers)',
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { event, community } = await getSteeredEvent(db, request.params.id, viewer);
        await deleteEvent(db, event.id);
        changed(event.id);
        ctx.revocations.closeTopic(eventTopic(event.id));
        // Its forums' topics and notes documents are gone with it: their connections are let go.
        ctx.revocations.revoke({ circleId: `community:${community.id}`, userId: EVERYONE });
        return reply.status(204).send(null);
      },
    );

    const siteOf = async (eventId: string, siteId: string, viewer: Viewer) => {
      const detail = await reread(eventId, viewer);
      const site = detail.sites.find((candidate) => candidate.id === siteId);
      if (!site) throw notFound('Site');
      return site;
    };

    app.post(
      '/events/:id/sites',
      {
        schema: {
          tags,
          summary: 'Add a site: a place with its address and capacity, or an online room with its visio link',
          params: idParams,
          body: siteCreateSchema,
          response: { 201: siteSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { event } = await getSteeredEvent(db, request.params.id, viewer);
        const siteId = await addSite(db, event.id, request.body);
        changed(event.id);
        return reply.status(201).send(await siteOf(event.id, siteId, viewer));
      },
    );

    app.patch(
      '/events/:id/sites/:siteId',
      {
        schema: {
          tags,
          summary: 'Edit a site',
          params: siteParams,
          body: sitePatchSchema,
          response: { 200: siteSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { event } = await getSteeredEvent(db, request.params.id, viewer);
        await patchSite(db, event.id, request.params.siteId, request.body);
        changed(event.id);
        return siteOf(event.id, request.params.siteId, viewer);
      },
    );

    app.delete(
      '/events/:id/sites/:siteId',
      {
        schema: {
          tags,
          summary: 'Remove a site (its slots stay, without a site)',
          params: siteParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { event } = await getSteeredEvent(db, request.params.id, viewer);
        await deleteSite(db, event.id, request.params.siteId);
        changed(event.id);
        return reply.status(204).send(null);
      },
    );

    const slotOf = async (eventId: string, slotId: string, viewer: Viewer) => {
      const detail = await reread(eventId, viewer);
      const slot = detail.slots.find((candidate) => candidate.id === slotId);
      if (!slot) throw notFound('Slot');
      return slot;
    };

    app.post(
      '/events/:id/slots',
      {
        schema: {
          tags,
          summary: 'Add a slot to the programme (within the event; on one of its sites)',
          params: idParams,
          body: slotCreateSchema,
          response: { 201: slotSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { event } = await getSteeredEvent(db, request.params.id, viewer);
        const slotId = await addSlot(db, event.id, request.body);
        changed(event.id);
        return reply.status(201).send(await slotOf(event.id, slotId, viewer));
      },
    );

    app.patch(
      '/events/:id/slots/:slotId',
      {
        schema: {
          tags,
          summary: 'Edit a slot; moving it may not put anyone registered in two places at once',
          params: slotParams,
          body: slotPatchSchema,
          response: { 200: slotSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { event } = await getSteeredEvent(db, request.params.id, viewer);
        await patchSlot(db, event.id, request.params.slotId, request.body, {
          checkMove: checkSlotMove,
          promote: promoteWaitlists,
        });
        changed(event.id);
        return slotOf(event.id, request.params.slotId, viewer);
      },
    );

    app.delete(
      '/events/:id/slots/:slotId',
      {
        schema: {
          tags,
          summary: 'Remove a slot and the registrations to it',
          params: slotParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { event } = await getSteeredEvent(db, request.params.id, viewer);
        await deleteSlot(db, event.id, request.params.slotId);
        changed(event.id);
        return reply.status(204).send(null);
      },
    );
  };
}
