import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import { pageOf, pageQuerySchema } from '../../../contract/list.ts';
import {
  claimPreviewSchema,
  claimResultSchema,
  claimTokenSchema,
  placeholderInvitationSchema,
  placeholderInviteSchema,
  placeholderSchema,
} from '../../../contract/placeholder.ts';
import type { AppContext } from '../../app-context.ts';
import { resolveAuthSecret } from '../../auth/auth-secret.ts';
import { AppError } from '../../http/errors.ts';
import { getCommunity } from '../communities/communities.public.ts';
import { claimUrl } from './claim-tokens.ts';
import { acceptClaim, inviteToClaim, revokeClaimInvitation } from './placeholders.commands.ts';
import {
  getCommunityPlaceholder,
  getInvitationByToken,
  isCommunitySteward,
  listPlaceholders,
  requirePlaceholderSteward,
  toClaimPreviewDto,
} from './placeholders.queries.ts';

const tags = ['placeholders'];
const slugParams = z.object({ slug: z.string().max(64) });
const placeholderParams = slugParams.extend({ userId: z.string().max(100) });
const tokenParams = z.object({ token: claimTokenSchema });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

export function placeholdersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, env } = ctx;

  return async (app) => {
    // The secret the mail job rebuilds links with (AUTH_SECRET, else the one kept in the database).
    const links = { secret: await resolveAuthSecret(db, env.AUTH_SECRET), publicUrl: env.PUBLIC_URL };
    app.get(
      '/communities/:slug/placeholders',
      {
        schema: {
          tags,
          summary: 'People without an account in the community, to invite (animators, facilitators)',
          params: slugParams,
          querystring: pageQuerySchema,
          response: { 200: pageOf(placeholderSchema), ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const community = await getCommunity(db, request.params.slug, viewer);
        if (!(await isCommunitySteward(db, community.id, viewer))) {
          throw new AppError('FORBIDDEN', 'Only the community’s animators and facilitators see this');
        }
        return listPlaceholders(db, community.id, links, { ...request.query, scope: community.id });
      },
    );

    app.post(
      '/communities/:slug/placeholders/:userId/invitations',
      {
        schema: {
          tags,
          summary: 'Invite someone by e-mail to claim a placeholder; replaces any pending invitation',
          params: placeholderParams,
          body: placeholderInviteSchema,
          response: { 201: placeholderInvitationSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const community = await getCommunity(db, request.params.slug, viewer);
        const placeholder = await getCommunityPlaceholder(db, community.id, request.params.userId);
        await requirePlaceholderSteward(db, community.id, placeholder.id, viewer);
        const invitation = await inviteToClaim(db, links.secret, {
          communityId: community.id,
          placeholder,
          email: request.body.email,
          invitedBy: viewer.id,
        });
        return reply.status(201).send({
          email: request.body.email,
          createdAt: invitation.createdAt,
          expiresAt: invitation.expiresAt,
          url: claimUrl(links.publicUrl, invitation.token),
        });
      },
    );

    app.delete(
      '/communities/:slug/placeholders/:userId/invitations',
      {
        schema: {
          tags,
          summary: 'Withdraw the pending invitation: its link stops working',
          params: placeholderParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const community = await getCommunity(db, request.params.slug, viewer);
        const placeholder = await getCommunityPlaceholder(db, community.id, request.params.userId);
        await requirePlaceholderSteward(db, community.id, placeholder.id, viewer);
        await revokeClaimInvitation(db, placeholder.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/claims/:token',
      {
        schema: {
          tags,
          summary: 'What an invitation to claim a placeholder offers (whoever holds the link)',
          params: tokenParams,
          response: { 200: claimPreviewSchema, 400: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request) => toClaimPreviewDto(await getInvitationByToken(db, request.params.token)),
    );

    app.post(
      '/claims/:token/accept',
      {
        schema: {
          tags,
          summary: 'Accept: the placeholder’s actions, sessions and circles become the signed-in account’s',
          params: tokenParams,
          response: { 200: claimResultSchema, ...errors, 409: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const result = await acceptClaim(db, request.params.token, viewer.id, ctx.personColumns);
        // The account may follow what the placeholder followed; nothing to revoke, nothing private
        // to announce: the next reads show the merged data.
        return result;
      },
    );
  };
}
