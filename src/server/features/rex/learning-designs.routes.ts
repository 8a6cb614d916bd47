import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import {
  learningDesignCreateSchema,
  learningDesignPatchSchema,
  learningDesignPlanSchema,
  learningDesignSchema,
  learningDesignSummarySchema,
} from '../../../contract/learning-design.ts';
import { pageOf, pageQuerySchema } from '../../../contract/list.ts';
import { sessionSchema } from '../../../contract/session.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import { requestLocale } from '../../http/request-locale.ts';
import { requireAbility } from '../../policy/access.ts';
import { sessionDetail } from '../sessions/sessions.public.ts';
import {
  createDesign,
  deleteDesign,
  patchDesign,
  planSessionFromDesign,
} from './learning-designs.commands.ts';
import {
  designCommunity,
  designDetail,
  getDesignAccess,
  libraryAbilities,
  listDesigns,
} from './learning-designs.queries.ts';

const tags = ['learning-designs'];
const idParams = z.object({ id: z.string().max(100) });
const slugParams = z.object({ slug: z.string().max(100) });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

export function learningDesignsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers } = ctx;

  return async (app) => {
    app.get(
      '/communities/:slug/learning-designs',
      {
        schema: {
          tags,
          summary: 'The community’s library of learning designs, by title (its members)',
          params: slugParams,
          querystring: pageQuerySchema,
          response: { 200: pageOf(learningDesignSummarySchema), ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const { community, standing } = await designCommunity(db, request.params.slug, viewer);
        if (!viewer) throw new AppError('UNAUTHENTICATED', 'Sign in to read the learning designs');
        if (!libraryAbilities(standing).read) {
          throw new AppError('FORBIDDEN', 'Only the community’s members read its learning designs');
        }
        return listDesigns(db, community, { ...request.query, scope: community.id });
      },
    );

    app.post(
      '/communities/:slug/learning-designs',
      {
        schema: {
          tags,
          summary: 'Add a learning design (scénario pédagogique) to the library (members)',
          description:
            'Objectives, audience and timed sequences (title, minutes, method, materials, lead). ' +
            'Its author (while a member), animators and admins edit and delete it.',
          params: slugParams,
          body: learningDesignCreateSchema,
          response: { 201: learningDesignSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { community, standing } = await designCommunity(db, request.params.slug, viewer);
        if (!libraryAbilities(standing).takePart) {
          throw new AppError('FORBIDDEN', 'Only the community’s members write learning designs');
        }
        const id = await createDesign(db, community.id, viewer.id, request.body);
        return reply.status(201).send(await designDetail(db, await getDesignAccess(db, id, viewer)));
      },
    );

    app.get(
      '/learning-designs/:id',
      {
        schema: {
          tags,
          summary: 'A learning design with its objectives and sequences',
          params: idParams,
          response: { 200: learningDesignSchema, 404: errorBodySchema },
        },
      },
      async (request) =>
        designDetail(db, await getDesignAccess(db, request.params.id, await viewers.find(request))),
    );

    app.patch(
      '/learning-designs/:id',
      {
        schema: {
          tags,
          summary: 'Edit a learning design; lists are replaced whole (its author, animators)',
          params: idParams,
          body: learningDesignPatchSchema,
          response: { 200: learningDesignSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const access = await getDesignAccess(db, request.params.id, viewer);
        requireAbility(
          access.abilities,
          'steer',
          'Learning design',
          'Only its author and the animators edit it',
        );
        await patchDesign(db, access.design.id, request.body);
        return designDetail(db, await getDesignAccess(db, access.design.id, viewer));
      },
    );

    app.delete(
      '/learning-designs/:id',
      {
        schema: {
          tags,
          summary: 'Delete a learning design (its author, animators); sessions planned from it stay',
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const access = await getDesignAccess(db, request.params.id, viewer);
        requireAbility(
          access.abilities,
          'steer',
          'Learning design',
          'Only its author and the animators delete it',
        );
        await deleteDesign(db, access.design.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/learning-designs/:id/sessions',
      {
        schema: {
          tags,
          summary: 'Plan a session from this design: its sequences become the time-boxed agenda',
          description:
            '`startsAt` is a wall-clock time in `timeZone` ("2026-09-14T14:00"). The session is created ' +
            'in `circleId` (a circle of the design’s community; its stewards only, as for creating a ' +
            'session) with one agenda item per sequence, laid end to end, and ends with the last one. ' +
            'Answers the session as `GET /sessions/{id}` does.',
          params: idParams,
          body: learningDesignPlanSchema,
          response: { 201: sessionSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const access = await getDesignAccess(db, request.params.id, viewer);
        const sessionId = await planSessionFromDesign(
          db,
          access,
          viewer,
          request.body,
          requestLocale(request),
        );
        return reply.status(201).send(await sessionDetail(db, sessionId, viewer));
      },
    );
  };
}
