import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  circleLinkCreateSchema,
  circleRelationsSchema,
  circleRenewSchema,
  circleSchema,
} from '../../../contract/circle.ts';
import { errorBodySchema } from '../../../contract/error.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import { requireSteward } from '../../policy/access.ts';
import { findCommunityMembership, requireNotArchived } from '../communities/communities.public.ts';
import { getCircleRelations, linkCircles, unlinkCircles } from './circle-links.ts';
import { renewCircle } from './circle-renewal.ts';
import { getVisibleCircle, toCircleDto } from './circles.queries.ts';

const tags = ['circles'];
const idParams = z.object({ id: z.string().max(100) });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** Circles over time (decision 055): renewing a circle into its next cycle, related circles. */
export function circleCyclesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers } = ctx;

  return async (app) => {
    app.post(
      '/circles/:id/renewal',
      {
        schema: {
          tags,
          summary: 'Renew a circle: create its next cycle (its stewards)',
          description:
            'A new circle, linked as the next cycle of this one, with its description, intention, method ' +
            'and settings, new dates, the renewer as facilitator and the members chosen by `carry`: all ' +
            'members, those marked present at one of its sessions, or none. One next cycle per circle (409).',
          params: idParams,
          body: circleRenewSchema,
          response: { 201: circleSchema, ...errors, 409: errorBodySchema },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const circle = await getVisibleCircle(db, request.params.id, viewer);
        requireSteward(circle, viewer);
        await requireNotArchived(db, circle.communityId);
        // As for creating a circle: its creator (facilitator) is an active member of the community.
        const membership = await findCommunityMembership(db, circle.communityId, viewer.id);
        if (membership?.status !== 'active' && !viewer.isAdmin) {
          throw new AppError('FORBIDDEN', 'Join the community before renewing one of its circles');
        }
        const { id } = await renewCircle(db, circle.id, viewer.id, request.body);
        return reply.status(201).send(toCircleDto(await getVisibleCircle(db, id, viewer), viewer));
      },
    );

    app.get(
      '/circles/:id/relations',
      {
        schema: {
          tags,
          summary: "A circle's previous and next cycles and related circles that the viewer may see",
          params: idParams,
          response: { 200: circleRelationsSchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const circle = await getVisibleCircle(db, request.params.id, viewer);
        return getCircleRelations(db, circle.id, viewer);
      },
    );

    app.post(
      '/circles/:id/related',
      {
        schema: {
          tags,
          summary: 'Relate the circle to another circle of its community, with a short note (its stewards)',
          params: idParams,
          body: circleLinkCreateSchema,
          response: { 201: circleRelationsSchema, ...errors, 409: errorBodySchema },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const circle = await getVisibleCircle(db, request.params.id, viewer);
        requireSteward(circle, viewer);
        await requireNotArchived(db, circle.communityId);
        await linkCircles(db, circle, viewer, request.body);
        return reply.status(201).send(await getCircleRelations(db, circle.id, viewer));
      },
    );

    app.delete(
      '/circles/:id/related/:linkId',
      {
        schema: {
          tags,
          summary: 'Remove a related circle (stewards of either circle)',
          params: idParams.extend({ linkId: z.string().max(100) }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const circle = await getVisibleCircle(db, request.params.id, viewer);
        requireSteward(circle, viewer);
        await requireNotArchived(db, circle.communityId);
        await unlinkCircles(db, circle.id, request.params.linkId);
        return reply.status(204).send(null);
      },
    );
  };
}
