import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import { pageOf, pageQuerySchema } from '../../../contract/list.ts';
import { actionCreateSchema, actionSchema } from '../../../contract/session.ts';
import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../http/errors.ts';
import {
  actionAbilities,
  createAction,
  listActions,
  pageActions,
  withAbilities,
} from '../actions/actions.public.ts';
import { isListedOn, requireParticipant } from './session-access.ts';
import { getVisibleSession } from './sessions.queries.ts';

const tags = ['actions'];
const idParams = z.object({ id: z.string().max(100) });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/**
 * A session's next steps: here rather than in actions, so that actions never needs sessions
 * (sessions lists and imports actions; the two features would otherwise import each other).
 */
export function sessionActionsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live } = ctx;

  return async (app) => {
    app.get(
      '/sessions/:id/actions',
      {
        schema: {
          tags,
          summary: 'Next steps decided in a session',
          params: idParams,
          querystring: pageQuerySchema,
          response: { 200: pageOf(actionSchema), 400: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const { session, circle } = await getVisibleSession(db, request.params.id, viewer);
        const page = await pageActions(
          db,
          { sessionId: session.id },
          { ...request.query, scope: session.id },
        );
        const reader = { circle, viewer, isListed: await isListedOn(db, session.id, viewer) };
        return { items: withAbilities(page.items, reader), nextCursor: page.nextCursor };
      },
    );

    app.post(
      '/sessions/:id/actions',
      {
        schema: {
          tags,
          summary: 'Record a next step with its owners (members and participants)',
          params: idParams,
          body: actionCreateSchema,
          response: { 201: actionSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { session, circle } = await getVisibleSession(db, request.params.id, viewer);
        await requireParticipant(db, session, circle, viewer);
        const id = await createAction(
          db,
          { circleId: circle.id, sessionId: session.id },
          viewer.id,
          request.body,
        );
        const [row] = await listActions(db, { actionId: id });
        if (!row) throw notFound('Action');
        // Its author steers it; listed or a member, they took part in the session.
        const action = { ...row, abilities: actionAbilities(row, { circle, viewer, isListed: true }) };
        live.publish(`session:${session.id}`, {
          type: 'action.created',
          sessionId: session.id,
          actionId: action.id,
        });
        return reply.status(201).send(action);
      },
    );
  };
}
