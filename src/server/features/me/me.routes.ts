import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { circleSchema } from '../../../contract/circle.ts';
import { errorBodySchema } from '../../../contract/error.ts';
import { pageOf, pageQuerySchema } from '../../../contract/list.ts';
import { profileEnvelopeSchema, profileUpdateSchema } from '../../../contract/user.ts';
import type { AppContext } from '../../app-context.ts';
import { listViewerCircles } from '../circles/circles.public.ts';
import { territoryCodesOf, writeTerritoryCodes } from '../territories/territories.public.ts';
import { getUser, toMeDto, updateProfile } from '../users/users.public.ts';

const tags = ['me'];

export function meRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers } = ctx;
  const profileOf = async (userId: string) => {
    const [user, codes] = await Promise.all([getUser(db, userId), territoryCodesOf(db, 'user', [userId])]);
    return { user: { ...toMeDto(user), territoryCodes: codes.get(userId) ?? [] } };
  };
  return async (app) => {
    app.get(
      '/me',
      {
        schema: {
          tags,
          summary: 'The signed-in account',
          response: { 200: profileEnvelopeSchema, 401: errorBodySchema },
        },
      },
      async (request) => profileOf((await viewers.require(request)).id),
    );

    app.patch(
      '/me',
      {
        schema: {
          tags,
          summary: 'Edit my profile',
          body: profileUpdateSchema,
          response: { 200: profileEnvelopeSchema, 400: errorBodySchema, 401: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { territoryCodes, ...fields } = request.body;
        await db.transaction().execute(async (trx) => {
          await updateProfile(trx, viewer.id, fields);
          // Only its person sets a profile's territories: this route has no other subject.
          if (territoryCodes) await writeTerritoryCodes(trx, 'user', viewer.id, territoryCodes);
        });
        return profileOf(viewer.id);
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
