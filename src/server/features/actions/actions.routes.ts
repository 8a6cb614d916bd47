import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import { pageOf, pageQuerySchema } from '../../../contract/list.ts';
import { type Action, actionPatchSchema, actionSchema } from '../../../contract/session.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import type { CircleWithStanding } from '../../policy/access.ts';
import { canSeeCircleContent, getVisibleCircle } from '../circles/circles.public.ts';
import { patchAction } from './actions.commands.ts';
import { actionAbilities, listActions, pageActions, withAbilities } from './actions.queries.ts';

const tags = ['actions'];
const idParams = z.object({ id: z.string().max(100) });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

export function actionsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live } = ctx;
  const announce = (
    type: 'action.created' | 'action.updated',
    action: { id: string; sessionId: string | null },
  ) => {
    if (action.sessionId)
      live.publish(`session:${action.sessionId}`, { type, sessionId: action.sessionId, actionId: action.id });
  };

  const canSeeAction = (action: { circleId: string; sessionId: string | null }, viewer: Viewer) =>
    canSeeCircleContent(db, viewer, action);

  return async (app) => {
    app.patch(
      '/actions/:id',
      {
        schema: {
          tags,
          summary: 'Update a next step: status, due date, owners (owners, author, facilitators)',
          params: idParams,
          body: actionPatchSchema,
          response: { 200: actionSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const [action] = await listActions(db, { actionId: request.params.id });
        // Whoever may not see the circle's content (someone waitlisted in a private circle, who
        // sees the circle itself) gets 404, as if the action did not exist, never 403.
        if (!action || !(await canSeeAction(action, viewer))) throw notFound('Action');
        const circle = await getVisibleCircle(db, action.circleId, viewer).catch(() => {
          throw notFound('Action');
        });
        // canSeeAction is the SQL form of the same read rule, listing on the action's session
        // included: whoever it lets through reads the action, so it stands for `isListed`.
        const reader = { circle, viewer, isListed: true };
        const abilities = actionAbilities(action, reader);
        if (!abilities.takePart) {
          throw new AppError(
            'FORBIDDEN',
            'Only its owners, its author and the facilitators can change this action',
          );
        }
        // Owners move their action along; who carries it is decided by its author or the facilitators.
        const changesOwners = request.body.ownerIds !== undefined || request.body.guestOwners !== undefined;
        if (changesOwners && !abilities.steer) {
          throw new AppError(
            'FORBIDDEN',
            'Only its author and the facilitators can change who carries this action',
          );
        }
        await patchAction(db, action, request.body);
        const [updated] = await listActions(db, { actionId: action.id });
        if (!updated) throw notFound('Action');
        announce('action.updated', updated);
        return { ...updated, abilities: actionAbilities(updated, reader) };
      },
    );

    app.get(
      '/me/actions',
      {
        schema: {
          tags,
          summary: 'Actions I own, across my circles',
          description:
            'A page may hold fewer than `limit` actions (even none) while `nextCursor` is not null: ' +
            'actions of circles whose content I no longer see are left out after reading the page.',
          querystring: pageQuerySchema,
          response: { 200: pageOf(actionSchema), 400: errorBodySchema, 401: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const mine = await pageActions(db, { ownerId: viewer.id }, { ...request.query, scope: 'mine' });
        // An owner who has since lost sight of a circle's content (left a private one) no longer
        // sees its actions.
        const circles = new Map<string, Promise<CircleWithStanding | undefined>>();
        const circleOf = (id: string) => {
          let found = circles.get(id);
          if (!found) {
            found = getVisibleCircle(db, id, viewer).catch(() => undefined);
            circles.set(id, found);
          }
          return found;
        };
        const visible: Action[] = [];
        for (const action of mine.items) {
          const circle = await circleOf(action.circleId);
          if (!circle || !(await canSeeAction(action, viewer))) continue;
          visible.push(...withAbilities([action], { circle, viewer, isListed: true }));
        }
        return { items: visible, nextCursor: mine.nextCursor };
      },
    );
  };
}
