import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  circleCreateSchema,
  circleDecisionPutSchema,
  circleJoinResultSchema,
  circleJoinSchema,
  circleMemberPatchSchema,
  circleMemberSchema,
  circlePatchSchema,
  circleSchema,
} from '../../../contract/circle.ts';
import { errorBodySchema } from '../../../contract/error.ts';
import { pageOf, pageQuerySchema } from '../../../contract/list.ts';
import type { CircleMemberStatus } from '../../../domain/circle.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import { EVERYONE } from '../../live/access-revocations.ts';
import { abilitiesInCircle, requireSteward } from '../../policy/access.ts';
import { auditIp } from '../audit/audit.public.ts';
import {
  findCommunityMembership,
  getCommunity,
  requireNotArchived,
} from '../communities/communities.public.ts';
import { decideCircle } from './circle-decisions.ts';
import {
  createCircle,
  joinCircle,
  leaveCircle,
  updateCircle,
  updateCircleMember,
} from './circles.commands.ts';
import {
  getCircleMember,
  getEditedCircle,
  getVisibleCircle,
  listCircleMembers,
  listCommunityCircles,
  toCircleDto,
} from './circles.queries.ts';

const tags = ['circles'];
const idParams = z.object({ id: z.string().max(100) });
const memberParams = idParams.extend({ userId: z.string().max(100) });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

export function circlesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers } = ctx;

  return async (app) => {
    app.get(
      '/communities/:slug/circles',
      {
        schema: {
          tags,
          summary: 'Circles of a community that the viewer may see',
          params: z.object({ slug: z.string().max(64) }),
          querystring: pageQuerySchema,
          response: { 200: pageOf(circleSchema), 400: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const community = await getCommunity(db, request.params.slug, viewer);
        return listCommunityCircles(db, community.id, viewer, { ...request.query, scope: community.id });
      },
    );

    app.post(
      '/communities/:slug/circles',
      {
        schema: {
          tags,
          summary: 'Create a circle (community members); its creator facilitates it',
          params: z.object({ slug: z.string().max(64) }),
          body: circleCreateSchema,
          response: { 201: circleSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const community = await getCommunity(db, request.params.slug, viewer);
        if (community.myStatus !== 'active' && !viewer.isAdmin) {
          throw new AppError('FORBIDDEN', 'Join the community before creating a circle in it');
        }
        await requireNotArchived(db, community.id);
        const id = await createCircle(db, community.id, viewer.id, request.body);
        return reply.status(201).send(toCircleDto(await getVisibleCircle(db, id, viewer), viewer));
      },
    );

    app.get(
      '/circles/:id',
      {
        schema: {
          tags,
          summary: 'A circle',
          params: idParams,
          response: { 200: circleSchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        return toCircleDto(await getVisibleCircle(db, request.params.id, viewer), viewer);
      },
    );

    app.patch(
      '/circles/:id',
      {
        schema: {
          tags,
          summary: 'Edit a circle (facilitators, community animators)',
          params: idParams,
          body: circlePatchSchema,
          response: { 200: circleSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const circle = await getVisibleCircle(db, request.params.id, viewer);
        requireSteward(circle, viewer);
        const { narrowed } = await updateCircle(db, circle.id, request.body);
        // Made more private: live topics and notes followed by people who no longer see it close.
        if (narrowed) ctx.revocations.revoke({ circleId: circle.id, userId: EVERYONE });
        return toCircleDto(await getEditedCircle(db, circle.id, viewer), viewer);
      },
    );

    app.put(
      '/circles/:id/decision',
      {
        schema: {
          tags,
          summary: 'Record the REX decision on a circle: renew, spread, pause or end (its stewards)',
          description:
            'Replaces the previous decision. Facilitators of the circle, animators of its community and ' +
            'instance admins decide; the decision shows on the circle for those who read its content.',
          params: idParams,
          body: circleDecisionPutSchema,
          response: { 200: circleSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const circle = await getVisibleCircle(db, request.params.id, viewer);
        requireSteward(circle, viewer);
        await decideCircle(db, circle.id, viewer.id, request.body);
        return toCircleDto(await getVisibleCircle(db, circle.id, viewer), viewer);
      },
    );

    app.get(
      '/circles/:id/members',
      {
        schema: {
          tags,
          summary: 'Members and waitlist in arrival order (facilitators also see requests)',
          params: idParams,
          querystring: pageQuerySchema,
          response: { 200: pageOf(circleMemberSchema), 400: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const circle = await getVisibleCircle(db, request.params.id, viewer);
        const statuses: CircleMemberStatus[] = abilitiesInCircle(circle, viewer).steer
          ? ['member', 'waitlisted', 'requested']
          : ['member', 'waitlisted'];
        return listCircleMembers(db, circle.id, statuses, {
          ...request.query,
          scope: `${circle.id}:${statuses.join(',')}`,
        });
      },
    );

    app.post(
      '/circles/:id/members',
      {
        schema: {
          tags,
          summary: 'Join (or ask to join) a circle; facilitators may add a community member by id',
          params: idParams,
          body: circleJoinSchema,
          response: {
            200: circleJoinResultSchema,
            201: circleJoinResultSchema,
            ...errors,
            409: errorBodySchema,
          },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const circle = await getVisibleCircle(db, request.params.id, viewer);
        const target = request.body.userId ?? viewer.id;
        const addingSomeoneElse = target !== viewer.id;
        if (addingSomeoneElse) requireSteward(circle, viewer);
        // Circles live inside their community: its join policy (open, on request, by invitation)
        // applies first, to newcomers and to people a facilitator adds alike.
        const membership = await findCommunityMembership(db, circle.communityId, target);
        const alreadyIn = !addingSomeoneElse && circle.myStatus !== null;
        if (membership?.status !== 'active' && !alreadyIn) {
          if (addingSomeoneElse) {
            throw new AppError('INVALID_INPUT', 'Only members of the community can be added', [
              { path: ['body', 'userId'], message: 'not a community member' },
            ]);
          }
          throw new AppError('FORBIDDEN', 'Join the community before joining one of its circles');
        }
        const result = await joinCircle(db, circle.id, target, { addedByFacilitator: addingSomeoneElse });
        return reply.status(result.created ? 201 : 200).send({ status: result.status });
      },
    );

    app.patch(
      '/circles/:id/members/:userId',
      {
        schema: {
          tags,
          summary: 'Approve a request or change a role (facilitators)',
          params: memberParams,
          body: circleMemberPatchSchema,
          response: { 200: circleMemberSchema, ...errors, 409: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const circle = await getVisibleCircle(db, request.params.id, viewer);
        requireSteward(circle, viewer);
        await updateCircleMember(db, circle.id, request.params.userId, request.body, {
          actorId: viewer.id,
          ip: auditIp(request, ctx.env),
        });
        ctx.revocations.roleChanged(request.params.userId);
        return getCircleMember(db, circle.id, request.params.userId, ['member', 'waitlisted', 'requested']);
      },
    );

    app.delete(
      '/circles/:id/members/:userId',
      {
        schema: {
          tags,
          summary: 'Leave (me), withdraw from the waitlist, or remove someone (facilitators)',
          params: memberParams,
          response: { 204: z.null(), ...errors, 409: errorBodySchema },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const circle = await getVisibleCircle(db, request.params.id, viewer);
        const target = request.params.userId === 'me' ? viewer.id : request.params.userId;
        if (target !== viewer.id) requireSteward(circle, viewer);
        await leaveCircle(db, circle.id, target, ctx.leaving);
        ctx.revocations.revoke({ circleId: circle.id, userId: target });
        return reply.status(204).send(null);
      },
    );
  };
}
