import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { circleSchema } from '../../../contract/circle.ts';
import { errorBodySchema } from '../../../contract/error.ts';
import { pageOf, pageQuerySchema } from '../../../contract/list.ts';
import { profileUpdateSchema, userEnvelopeSchema } from '../../../contract/user.ts';
import type { AppContext } from '../../app-context.ts';
import { listViewerCircles } from '../circles/circles.public.ts';
import { getUser, toMeDto, updateProfile } from '../users/users.public.ts';

const tags = ['me'];

export function meRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers } = ctx;
  return async (app) => {
    app.get(
      '/me',
      {
        schema: {
          tags,
          summary: 'The signed-in account',
          response: { 200: userEnvelopeSchema, 401: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        return { user: toMeDto(await getUser(db, viewer.id)) };
      },
    );

    app.patch(
      '/me',
      {
        schema: {
          tags,
          summary: 'Edit my profile',
          body: profileUpdateSchema,
          response: { 200: userEnvelopeSchema, 400: errorBodySchema, 401: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        return { user: toMeDto(await updateProfile(db, viewer.id, request.body)) };
      },
    );

    app.get(
      '/me/circles',
      {
        schema: {
          tags,
          summary: 'Circles I am in, waitlisted for, or asked to join',
          querystring: pageQuerySchema,
          response: { 200: pageOf(circleSchema), 400: errorBodySchema, 401: errorBodySchema },
        },
      },
      async (request) =>
        listViewerCircles(db, await viewers.require(request), { ...request.query, scope: 'mine' }),
    );
  };
}
