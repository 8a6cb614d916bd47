import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import { pageOf, pageQuerySchema } from '../../../contract/list.ts';
import {
  pollCreateSchema,
  pollOptionCreateSchema,
  pollOptionSchema,
  pollPatchSchema,
  pollSchema,
  pollSummarySchema,
} from '../../../contract/poll.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { abilitiesInCircle } from '../../policy/access.ts';
import { getVisibleCircle } from '../circles/circles.public.ts';
import { ballotsRoutes } from './ballots.routes.ts';
import { circleScope, communityScope, getOrganisedPoll, getPollAccess, pollTopic } from './poll-access.ts';
import { createPollSignals } from './poll-signals.ts';
import { addOption, closePoll, createPoll, deletePoll, openVoting, patchPoll } from './polls.commands.ts';
import { listPolls, loadPollDetail } from './polls.queries.ts';

const tags = ['polls'];
const idParams = z.object({ id: z.string().max(100) });
const slugParams = z.object({ slug: z.string().max(100) });
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};

export function pollsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live } = ctx;
  const signals = createPollSignals(live);
  const { updated } = signals;
  const detail = async (pollId: string, viewer: Viewer | undefined) =>
    loadPollDetail(db, await getPollAccess(db, pollId, viewer), viewer);

  return async (app) => {
    app.addHook('onClose', async () => signals.stop());

    app.get(
      '/circles/:id/polls',
      {
        schema: {
          tags,
          summary: 'Polls of a circle',
          params: idParams,
          querystring: pageQuerySchema,
          response: { 200: pageOf(pollSummarySchema), 400: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const circle = await getVisibleCircle(db, request.params.id, viewer);
        // Like its sessions: a private circle shows its polls to its members and stewards only.
        const mayList = abilitiesInCircle(circle, viewer, { kind: 'circlePoll', createdBy: null }).read;
        if (!mayList) return { items: [], nextCursor: null };
        return listPolls(db, { circleId: circle.id }, viewer, { ...request.query, scope: circle.id });
      },
    );

    app.post(
      '/circles/:id/polls',
      {
        schema: {
          tags,
          summary: 'Create a poll in a circle (its members and facilitators); options are given as text',
          params: idParams,
          body: pollCreateSchema,
          response: { 201: pollSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { circle, abilities } = await circleScope(db, request.params.id, viewer);
        if (!abilities.takePart)
          throw new AppError('FORBIDDEN', 'Only the circle’s members can create a poll');
        const id = await createPoll(
          db,
          { communityId: circle.communityId, circleId: circle.id },
          viewer.id,
          request.body,
        );
        return reply.status(201).send(await detail(id, viewer));
      },
    );

    app.get(
      '/communities/:slug/polls',
      {
        schema: {
          tags,
          summary: 'Community-wide polls (community id or slug; its members only)',
          params: slugParams,
          querystring: pageQuerySchema,
          response: { 200: pageOf(pollSummarySchema), 400: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const { community } = await communityScope(db, request.params.slug, viewer);
        return listPolls(db, { communityId: community.id }, viewer, {
          ...request.query,
          scope: community.id,
        });
      },
    );

    app.post(
      '/communities/:slug/polls',
      {
        schema: {
          tags,
          summary: 'Create a poll of the whole community (animators); its active members vote',
          params: slugParams,
          body: pollCreateSchema,
          response: { 201: pollSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { community, abilities } = await communityScope(db, request.params.slug, viewer);
        if (!abilities.steer)
          throw new AppError('FORBIDDEN', 'Only the community animators can create a community poll');
        if (request.body.sessionId)
          throw new AppError('INVALID_INPUT', 'A community poll is not tied to a session');
        const id = await createPoll(
          db,
          { communityId: community.id, circleId: null },
          viewer.id,
          request.body,
        );
        return reply.status(201).send(await detail(id, viewer));
      },
    );

    app.get(
      '/polls/:id',
      {
        schema: {
          tags,
          summary: 'A poll with its options and what the viewer may do',
          params: idParams,
          response: { 200: pollSchema, 404: errorBodySchema },
        },
      },
      async (request) => detail(request.params.id, await viewers.find(request)),
    );

    app.patch(
      '/polls/:id',
      {
        schema: {
          tags,
          summary: 'Edit an open poll (organisers)',
          params: idParams,
          body: pollPatchSchema,
          response: { 200: pollSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { poll } = await getOrganisedPoll(db, request.params.id, viewer);
        await patchPoll(db, poll.id, request.body);
        updated(poll.id);
        return detail(poll.id, viewer);
      },
    );

    app.delete(
      '/polls/:id',
      {
        schema: {
          tags,
          summary: 'Delete a poll nobody has voted in (organisers)',
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { poll } = await getOrganisedPoll(db, request.params.id, viewer);
        await deletePoll(db, poll.id);
        live.publish(pollTopic(poll.id), { type: 'poll.deleted', pollId: poll.id });
        ctx.revocations.closeTopic(pollTopic(poll.id));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/polls/:id/options',
      {
        schema: {
          tags,
          summary: 'Propose an option (voters, during the proposal phase)',
          params: idParams,
          body: pollOptionCreateSchema,
          response: { 201: pollOptionSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const access = await getPollAccess(db, request.params.id, viewer);
        if (!access.canVote && !access.canOrganise)
          throw new AppError('FORBIDDEN', 'Only the poll’s voters can propose options');
        const id = await addOption(db, access.poll.id, request.body);
        updated(access.poll.id);
        return reply
          .status(201)
          .send({ id, text: request.body.text, sectionId: request.body.sectionId ?? null });
      },
    );

    app.post(
      '/polls/:id/open',
      {
        schema: {
          tags,
          summary: 'End the proposal phase and open the vote (organisers)',
          params: idParams,
          response: { 200: pollSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { poll } = await getOrganisedPoll(db, request.params.id, viewer);
        await openVoting(db, poll.id);
        updated(poll.id);
        return detail(poll.id, viewer);
      },
    );

    app.post(
      '/polls/:id/close',
      {
        schema: {
          tags,
          summary: 'Close the poll (organisers)',
          params: idParams,
          response: { 200: pollSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { poll } = await getOrganisedPoll(db, request.params.id, viewer);
        await closePoll(db, poll.id);
        updated(poll.id);
        return detail(poll.id, viewer);
      },
    );

    await app.register(ballotsRoutes(ctx, signals));
  };
}
