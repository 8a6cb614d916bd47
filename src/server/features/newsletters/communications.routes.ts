import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import { pageQuerySchema } from '../../../contract/list.ts';
import {
  communicationCreateSchema,
  communicationListSchema,
  communicationSchema,
} from '../../../contract/newsletters.ts';
import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../http/errors.ts';
import { getVisibleSession, requireParticipant } from '../sessions/sessions.public.ts';
import { listCommunications, readableItems } from './communications.queries.ts';
import { newsletterCommunity } from './newsletter-access.ts';
import { appendCommunication } from './newsletters.commands.ts';

const tags = ['newsletters'];
const idParams = z.object({ id: z.string().max(100) });
const slugParams = z.object({ slug: z.string().max(100) });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** "À communiquer": anyone taking part in a session flags an item; the community lists them. */
export function communicationsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live } = ctx;
  return async (app) => {
    app.post(
      '/sessions/:id/communications',
      {
        schema: {
          tags,
          summary: 'Flag one item “à communiquer” (whoever takes part in the session)',
          description:
            'Appends to the session’s list (the one PUT /sessions/{id}/announcements replaces), with its author.',
          params: idParams,
          body: communicationCreateSchema,
          response: { 201: communicationSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { session, circle } = await getVisibleSession(db, request.params.id, viewer);
        await requireParticipant(db, session, circle, viewer);
        const id = await appendCommunication(db, session.id, viewer, request.body.text);
        live.publish(`session:${session.id}`, { type: 'announcements.updated', sessionId: session.id });
        // Read back as the list shows it (author, session, circle), by the same visibility rule.
        const [created] = await readableItems(db, circle.communityId, viewer, [id]);
        if (!created) throw notFound('Session');
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/communities/:slug/communications',
      {
        schema: {
          tags,
          summary: 'The items flagged “à communiquer” in the community’s sessions that I may read',
          description:
            'Newest sessions first. An item of a private circle is listed only for those who read that circle’s content.',
          params: slugParams,
          querystring: pageQuerySchema,
          response: { 200: communicationListSchema, 400: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const community = await newsletterCommunity(db, request.params.slug, viewer);
        return listCommunications(db, community.id, viewer, { ...request.query, scope: community.id });
      },
    );
  };
}
