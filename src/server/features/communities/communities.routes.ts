import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  communityCreateSchema,
  communityJoinResultSchema,
  communityJoinSchema,
  communityMemberPatchSchema,
  communityMemberSchema,
  communityPatchSchema,
  communitySchema,
  inviteLinkSchema,
} from '../../../contract/community.ts';
import { errorBodySchema } from '../../../contract/error.ts';
import { pageOf, pageQuerySchema } from '../../../contract/list.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import { auditIp, recordAudit } from '../audit/audit.public.ts';
import { branchParentFor } from './branches.queries.ts';
import {
  createCommunity,
  joinCommunity,
  newInviteCode,
  removeCommunityMember,
  updateCommunity,
  updateCommunityMember,
} from './communities.commands.ts';
import {
  getCommunity,
  getCommunityMember,
  listCommunities,
  listCommunityMembers,
  requireAnimator,
  requireNotArchived,
  toCommunityDto,
} from './communities.queries.ts';

const tags = ['communities'];
const slugParams = z.object({ slug: z.string().max(64) });
const memberParams = slugParams.extend({ userId: z.string().max(100) });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

export function communitiesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, env } = ctx;
  const inviteLink = (slug: string, code: string) => ({
    code,
    url: `${env.PUBLIC_URL}/join/${slug}?code=${encodeURIComponent(code)}`,
  });

  return async (app) => {
    app.get(
      '/communities',
      {
        schema: {
          tags,
          summary: 'List communities (all, or only mine)',
          querystring: pageQuerySchema.extend({ mine: z.enum(['true', 'false']).optional() }),
          response: { 200: pageOf(communitySchema), 400: errorBodySchema, 401: errorBodySchema },
        },
      },
      async (request) => {
        const mine = request.query.mine === 'true';
        const viewer = mine ? await viewers.require(request) : await viewers.find(request);
        return listCommunities(db, viewer, { mine }, { ...request.query, scope: mine ? 'mine' : 'all' });
      },
    );

    app.post(
      '/communities',
      {
        schema: {
          tags,
          summary: 'Create a community; its creator becomes its first animator',
          description:
            'With `parentSlug`, a territorial branch of that community (its animators and instance ' +
            'admins; 404 for an unknown parent, 409 when the parent is itself a branch).',
          body: communityCreateSchema,
          response: { 201: communitySchema, ...errors, 409: errorBodySchema },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { parentSlug, ...input } = request.body;
        const parentId = parentSlug === undefined ? null : await branchParentFor(db, parentSlug, viewer);
        await createCommunity(db, viewer.id, input, parentId);
        return reply
          .status(201)
          .send(toCommunityDto(await getCommunity(db, request.body.slug, viewer), viewer));
      },
    );

    app.get(
      '/communities/:slug',
      {
        schema: {
          tags,
          summary: 'A community’s public page',
          params: slugParams,
          response: { 200: communitySchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        return toCommunityDto(await getCommunity(db, request.params.slug, viewer), viewer);
      },
    );

    app.patch(
      '/communities/:slug',
      {
        schema: {
          tags,
          summary: 'Edit a community (animators)',
          params: slugParams,
          body: communityPatchSchema,
          response: { 200: communitySchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const community = await getCommunity(db, request.params.slug, viewer);
        await requireAnimator(db, community.id, viewer);
        await updateCommunity(db, community.id, request.body);
        return toCommunityDto(await getCommunity(db, request.params.slug, viewer), viewer);
      },
    );

    app.post(
      '/communities/:slug/members',
      {
        schema: {
          tags,
          summary: 'Join (open policy or valid invite) or ask to join (on request)',
          params: slugParams,
          body: communityJoinSchema,
          response: { 200: communityJoinResultSchema, 201: communityJoinResultSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const community = await getCommunity(db, request.params.slug, viewer);
        await requireNotArchived(db, community.id);
        const result = await joinCommunity(db, community, viewer.id, request.body.inviteCode);
        return reply.status(result.created ? 201 : 200).send({ status: result.status });
      },
    );

    app.get(
      '/communities/:slug/members',
      {
        schema: {
          tags,
          summary: 'Member directory (members only; animators also see pending requests)',
          params: slugParams,
          querystring: pageQuerySchema,
          response: { 200: pageOf(communityMemberSchema), ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const community = await getCommunity(db, request.params.slug, viewer);
        const isAnimator = community.myRole === 'animator' && community.myStatus === 'active';
        if (community.myStatus !== 'active' && !viewer.isAdmin) {
          throw new AppError('FORBIDDEN', 'The member directory is for members');
        }
        const includeRequests = isAnimator || viewer.isAdmin;
        return listCommunityMembers(
          db,
          community.id,
          { includeRequests },
          {
            ...request.query,
            scope: `${community.id}:${includeRequests}`,
          },
        );
      },
    );

    app.patch(
      '/communities/:slug/members/:userId',
      {
        schema: {
          tags,
          summary: 'Approve a request or change a role (animators)',
          params: memberParams,
          body: communityMemberPatchSchema,
          response: { 200: communityMemberSchema, ...errors, 409: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const community = await getCommunity(db, request.params.slug, viewer);
        await requireAnimator(db, community.id, viewer);
        await updateCommunityMember(db, community.id, request.params.userId, request.body, {
          actorId: viewer.id,
          ip: auditIp(request, env),
        });
        ctx.revocations.roleChanged(request.params.userId);
        return getCommunityMember(db, community.id, request.params.userId);
      },
    );

    app.delete(
      '/communities/:slug/members/:userId',
      {
        schema: {
          tags,
          summary: 'Leave (me) or remove a member / refuse a request (animators)',
          params: memberParams,
          response: { 204: z.null(), ...errors, 409: errorBodySchema },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const community = await getCommunity(db, request.params.slug, viewer);
        const userId = request.params.userId === 'me' ? viewer.id : request.params.userId;
        if (userId !== viewer.id) await requireAnimator(db, community.id, viewer);
        const circlesLeft = await removeCommunityMember(db, community.id, userId, ctx.leaving);
        // Promotion mails were queued inside the removal's transaction.
        // Live topics they may no longer follow: those of the circles they were in, of every circle
        // seen only from inside the community (followed without being a member), and the
        // community-wide ones (community polls, scoped `community:<id>` in live.routes.ts).
        const hidden = await db
          .selectFrom('circles')
          .select('id')
          .where('communityId', '=', community.id)
          .where('visibility', '!=', 'public')
          .execute();
        const circleIds = new Set([...circlesLeft, ...hidden.map((c) => c.id)]);
        for (const circleId of circleIds) ctx.revocations.revoke({ circleId, userId });
        ctx.revocations.revoke({ circleId: `community:${community.id}`, userId });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/communities/:slug/invite',
      {
        schema: {
          tags,
          summary: 'The invitation link (animators)',
          params: slugParams,
          response: { 200: inviteLinkSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const community = await getCommunity(db, request.params.slug, viewer);
        await requireAnimator(db, community.id, viewer);
        return inviteLink(community.slug, community.inviteCode);
      },
    );

    app.post(
      '/communities/:slug/invite/rotate',
      {
        schema: {
          tags,
          summary: 'Replace the invitation link; the old one stops working (animators)',
          params: slugParams,
          response: { 200: inviteLinkSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const community = await getCommunity(db, request.params.slug, viewer);
        await requireAnimator(db, community.id, viewer);
        const code = newInviteCode();
        await db.transaction().execute(async (trx) => {
          await trx
            .updateTable('communities')
            .set({ inviteCode: code })
            .where('id', '=', community.id)
            .execute();
          await recordAudit(trx, {
            kind: 'link.rotate',
            actorId: viewer.id,
            ip: auditIp(request, env),
            subject: { kind: 'community', id: community.id },
            detail: 'invitation link',
          });
        });
        return inviteLink(community.slug, code);
      },
    );
  };
}
