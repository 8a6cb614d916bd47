import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { circleMemberSchema } from '../../../contract/circle.ts';
import { communityMemberSchema } from '../../../contract/community.ts';
import { errorBodySchema } from '../../../contract/error.ts';
import { appointSchema } from '../../../contract/placeholder.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import { requireSteward } from '../../policy/access.ts';
import { auditIp } from '../audit/audit.public.ts';
import { getCircleMember, getVisibleCircle } from '../circles/circles.public.ts';
import {
  findCommunityMembership,
  getCommunity,
  getCommunityMember,
  requireAnimator,
} from '../communities/communities.public.ts';
import { appointAnimator, appointFacilitator } from './stewards.commands.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** Naming animators and facilitators (un-naming stays a role change on the member). */
export function stewardsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers } = ctx;
  return async (app) => {
    app.post(
      '/communities/:slug/animators',
      {
        schema: {
          tags: ['communities'],
          summary: 'Name an animator: a member (animators), or any account (instance admins)',
          params: z.object({ slug: z.string().max(64) }),
          body: appointSchema,
          response: { 200: communityMemberSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const community = await getCommunity(db, request.params.slug, viewer);
        await requireAnimator(db, community.id, viewer);
        await appointAnimator(
          db,
          community.id,
          request.body.userId,
          { mayAddMember: viewer.isAdmin },
          { actorId: viewer.id, ip: auditIp(request, ctx.env) },
        );
        return getCommunityMember(db, community.id, request.body.userId);
      },
    );

    app.post(
      '/circles/:id/facilitators',
      {
        schema: {
          tags: ['circles'],
          summary: 'Name a facilitator among the community’s members (facilitators, animators)',
          params: z.object({ id: z.string().max(100) }),
          body: appointSchema,
          response: { 200: circleMemberSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const circle = await getVisibleCircle(db, request.params.id, viewer);
        requireSteward(circle, viewer);
        const membership = await findCommunityMembership(db, circle.communityId, request.body.userId);
        if (membership?.status !== 'active') {
          throw new AppError('INVALID_INPUT', 'Only members of the community can be named facilitator', [
            { path: ['body', 'userId'], message: 'not a community member' },
          ]);
        }
        await appointFacilitator(db, circle.id, request.body.userId, {
          actorId: viewer.id,
          ip: auditIp(request, ctx.env),
        });
        return getCircleMember(db, circle.id, request.body.userId, ['member']);
      },
    );
  };
}
