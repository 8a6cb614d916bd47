import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  datePollClosedSchema,
  datePollCloseSchema,
  datePollCreateSchema,
  datePollPatchSchema,
  datePollSchema,
  datePollSummarySchema,
  guestAnswerCreatedSchema,
  guestAnswerSchema,
  guestAnswersCreateSchema,
  guestAnswersPutSchema,
  myDateAnswersSchema,
} from '../../../contract/date-poll.ts';
import { errorBodySchema } from '../../../contract/error.ts';
import { pageOf, pageQuerySchema } from '../../../contract/list.ts';
import type { AppContext } from '../../app-context.ts';
import { resolveAuthSecret } from '../../auth/auth-secret.ts';
import type { DatePollRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { authRateLimit } from '../../http/rate-limit.ts';
import { requestLocale } from '../../http/request-locale.ts';
import type { Viewer } from '../../http/viewer.ts';
import { abilitiesInCircle } from '../../policy/access.ts';
import {
  type CircleContentAccess,
  getCircleContentAccess,
  getVisibleCircle,
} from '../circles/circles.public.ts';
import { sessionDetail } from '../sessions/sessions.public.ts';
import { canClosePoll, findPoll, findPollByShareToken, getVisiblePoll } from './date-poll-access.ts';
import {
  closeDatePoll,
  createDatePoll,
  createGuestResponse,
  findGuestResponse,
  patchDatePoll,
  saveMemberAnswers,
  updateGuestResponse,
} from './date-polls.commands.ts';
import { listCirclePolls, loadDatePollDetail } from './date-polls.queries.ts';
import { guestAnswerOrigin } from './guest-answer-limits.ts';

const tags = ['date-polls'];
const idParams = z.object({ id: z.string().max(100) });
const tokenParams = idParams.extend({ editToken: z.string().max(100) });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** A guest holding the link or their own answer's secret: reads the poll and answers, nothing more. */
const guestAbilities = { read: true, takePart: true, steer: false };

/** The live topic of a date poll. */
export const datePollTopic = (pollId: string) => `date-poll:${pollId}`;

export function datePollsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live, env } = ctx;
  // Anonymous routes that take a secret: limited per address like the account routes, ten times
  // looser, since a whole office behind one address may answer the same poll.
  const guestLimited = { rateLimit: { ...authRateLimit(env), max: env.AUTH_RATE_LIMIT * 10 } };

  const detailFor = (poll: DatePollRow, standing: CircleContentAccess, viewer: Viewer | undefined) => {
    const abilities = abilitiesInCircle(standing.circle, viewer, {
      kind: 'datePoll',
      createdBy: poll.createdBy,
    });
    return loadDatePollDetail(db, poll, standing.circle.name, {
      viewerId: viewer?.id,
      seesNames: abilities.steer,
      abilities,
      showShareToken: standing.isMember,
    });
  };

  /** A guest reaches a poll through its link's secret, or openly when its circle is public. */
  async function pollForGuest(pollId: string, shareToken: string | undefined, viewer: Viewer | undefined) {
    const poll = await findPoll(db, pollId);
    if (!poll) throw notFound('Date poll');
    if (shareToken !== undefined && shareToken === poll.shareToken) return poll;
    const circle = await getVisibleCircle(db, poll.circleId, viewer).catch(() => undefined);
    if (circle?.visibility !== 'public') throw notFound('Date poll');
    return poll;
  }

  const guestView = async (poll: DatePollRow, responseId: string) => {
    const circle = await db
      .selectFrom('circles')
      .select('name')
      .where('id', '=', poll.circleId)
      .executeTakeFirstOrThrow();
    return loadDatePollDetail(db, poll, circle.name, {
      viewerId: undefined,
      guestResponseId: responseId,
      seesNames: false,
      abilities: guestAbilities,
      showShareToken: false,
    });
  };

  return async (app) => {
    // Keys the HMACs behind the guest-answer limits (see guest-answer-limits.ts).
    const secret = await resolveAuthSecret(db, env.AUTH_SECRET);

    app.get(
      '/circles/:id/date-polls',
      {
        schema: {
          tags,
          summary: 'Date polls of a circle, newest first',
          params: idParams,
          querystring: pageQuerySchema,
          response: { 200: pageOf(datePollSummarySchema), 400: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const standing = await getCircleContentAccess(
          db,
          request.params.id,
          await viewers.find(request),
          'Circle',
        );
        return listCirclePolls(db, standing.circle.id, { ...request.query, scope: standing.circle.id });
      },
    );

    app.post(
      '/circles/:id/date-polls',
      {
        schema: {
          tags,
          summary: 'Propose candidate slots to the circle (its members)',
          params: idParams,
          body: datePollCreateSchema,
          response: { 201: datePollSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const standing = await getCircleContentAccess(db, request.params.id, viewer, 'Circle');
        if (!standing.isMember)
          throw new AppError('FORBIDDEN', 'Only the circle’s members can propose dates');
        const id = await createDatePoll(db, standing.circle.id, viewer.id, request.body);
        const { poll, ...fresh } = await getVisiblePoll(db, id, viewer);
        return reply.status(201).send(await detailFor(poll, fresh, viewer));
      },
    );

    app.get(
      '/date-polls/:id',
      {
        schema: {
          tags,
          summary: 'A date poll with its results grid and best slots',
          params: idParams,
          response: { 200: datePollSchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const { poll, ...standing } = await getVisiblePoll(db, request.params.id, viewer);
        return detailFor(poll, standing, viewer);
      },
    );

    app.patch(
      '/date-polls/:id',
      {
        schema: {
          tags,
          summary: 'Edit the title, deadline or name hiding (the organiser and the circle’s facilitators)',
          params: idParams,
          body: datePollPatchSchema,
          response: { 200: datePollSchema, ...errors, 409: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { poll, ...standing } = await getVisiblePoll(db, request.params.id, viewer);
        if (!canClosePoll(poll, standing, viewer)) {
          throw new AppError(
            'FORBIDDEN',
            'Only the poll’s organiser and the circle’s facilitators can edit it',
          );
        }
        await patchDatePoll(db, poll.id, request.body);
        live.publish(datePollTopic(poll.id), { type: 'date-poll.updated', pollId: poll.id });
        const fresh = await getVisiblePoll(db, poll.id, viewer);
        return detailFor(fresh.poll, fresh, viewer);
      },
    );

    app.get(
      '/date-polls/by-link/:token',
      {
        config: guestLimited,
        schema: {
          tags,
          summary: 'A date poll reached through its shareable link (guests need no account)',
          params: z.object({ token: z.string().max(100) }),
          response: { 200: datePollSchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const poll = await findPollByShareToken(db, request.params.token);
        if (!poll) throw notFound('Date poll');
        const viewer = await viewers.find(request);
        const circle = await db
          .selectFrom('circles')
          .select('name')
          .where('id', '=', poll.circleId)
          .executeTakeFirstOrThrow();
        const standing = await getCircleContentAccess(db, poll.circleId, viewer, 'Date poll').catch(
          () => undefined,
        );
        if (standing) return detailFor(poll, standing, viewer);
        return loadDatePollDetail(db, poll, circle.name, {
          viewerId: undefined,
          seesNames: false,
          // Reading through the link: a guest answers through the guest routes, with a name.
          abilities: { ...guestAbilities, takePart: false },
          showShareToken: false,
        });
      },
    );

    app.put(
      '/date-polls/:id/answers/me',
      {
        schema: {
          tags,
          summary:
            'Answer with my account: yes, maybe (if need be) or no per slot; left-out slots stay unanswered',
          params: idParams,
          body: myDateAnswersSchema,
          response: { 200: datePollSchema, ...errors, 409: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { poll, ...standing } = await getVisiblePoll(db, request.params.id, viewer);
        if (!standing.isMember)
          throw new AppError('FORBIDDEN', 'Only the circle’s members answer with their account');
        await saveMemberAnswers(db, poll.id, viewer.id, request.body);
        live.publish(datePollTopic(poll.id), { type: 'date-poll.answered', pollId: poll.id });
        const fresh = await getVisiblePoll(db, poll.id, viewer);
        return detailFor(fresh.poll, fresh, viewer);
      },
    );

    app.post(
      '/date-polls/:id/guest-answers',
      {
        config: guestLimited,
        schema: {
          tags,
          summary: 'Answer as a guest, by name; returns the private token that edits this answer later',
          params: idParams,
          body: guestAnswersCreateSchema,
          response: { 201: guestAnswerCreatedSchema, ...errors, 409: errorBodySchema, 429: errorBodySchema },
        },
      },
      async (request, reply) => {
        const { shareToken, ...input } = request.body;
        const poll = await pollForGuest(request.params.id, shareToken, await viewers.find(request));
        const source = (env.TRUST_PROXY ? request.ip : request.socket.remoteAddress) ?? 'unknown';
        const origin = guestAnswerOrigin(secret, source, input.email);
        const editToken = await createGuestResponse(db, poll.id, input, origin, requestLocale(request));
        live.publish(datePollTopic(poll.id), { type: 'date-poll.answered', pollId: poll.id });
        return reply.status(201).send({ editToken, pollId: poll.id });
      },
    );

    app.get(
      '/date-polls/:id/guest-answers/:editToken',
      {
        config: guestLimited,
        schema: {
          tags,
          summary: 'A guest’s own answer, through their private link',
          params: tokenParams,
          response: { 200: guestAnswerSchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const poll = await findPoll(db, request.params.id);
        const response = poll && (await findGuestResponse(db, poll.id, request.params.editToken));
        if (!poll || !response) throw notFound('Answer');
        return guestAnswerOf(poll, response.id, response.guestName ?? '', response.comment);
      },
    );

    app.put(
      '/date-polls/:id/guest-answers/:editToken',
      {
        config: guestLimited,
        schema: {
          tags,
          summary: 'Change a guest’s answer (only through the private link)',
          params: tokenParams,
          body: guestAnswersPutSchema,
          response: { 200: guestAnswerSchema, ...errors, 409: errorBodySchema },
        },
      },
      async (request) => {
        const poll = await findPoll(db, request.params.id);
        const response = poll && (await findGuestResponse(db, poll.id, request.params.editToken));
        if (!poll || !response) throw notFound('Answer');
        await updateGuestResponse(db, response.id, poll.id, request.body, requestLocale(request));
        live.publish(datePollTopic(poll.id), { type: 'date-poll.answered', pollId: poll.id });
        const updated = await findGuestResponse(db, poll.id, request.params.editToken);
        return guestAnswerOf(poll, response.id, updated?.guestName ?? '', updated?.comment ?? '');
      },
    );

    app.post(
      '/date-polls/:id/close',
      {
        schema: {
          tags,
          summary:
            'Close the poll on one or several slots: creates one session per slot and invites to each ' +
            'the people who said yes or "if need be" to that slot',
          params: idParams,
          body: datePollCloseSchema,
          response: { 200: datePollClosedSchema, ...errors, 409: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { poll, ...standing } = await getVisiblePoll(db, request.params.id, viewer);
        if (!canClosePoll(poll, standing, viewer)) {
          throw new AppError(
            'FORBIDDEN',
            'Only the poll’s organiser and the circle’s facilitators can close it',
          );
        }
        const { slotId, slotIds } = request.body;
        const { sessionIds } = await closeDatePoll(
          db,
          poll.id,
          slotIds ?? (slotId ? [slotId] : []),
          viewer.id,
        );
        const [first, ...others] = sessionIds;
        if (!first) throw new AppError('INTERNAL', 'A closed poll has a session');
        live.publish(datePollTopic(poll.id), {
          type: 'date-poll.closed',
          pollId: poll.id,
          sessionId: first,
          sessionIds,
        });
        const session = await sessionDetail(db, first, viewer);
        const sessions = [session];
        for (const sessionId of others) sessions.push(await sessionDetail(db, sessionId, viewer));
        return { session, sessions };
      },
    );
  };

  async function guestAnswerOf(poll: DatePollRow, responseId: string, name: string, comment: string) {
    const fresh = (await findPoll(db, poll.id)) ?? poll;
    const detail = await guestView(fresh, responseId);
    const own = detail.participants.find((participant) => participant.isMe);
    return { poll: detail, name, comment, answers: own?.answers ?? [] };
  }
}
