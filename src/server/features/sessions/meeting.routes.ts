import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import { listOf } from '../../../contract/list.ts';
import {
  agendaLinkCreateSchema,
  agendaLinkSchema,
  agendaLinkTargetSchema,
  sessionSchema,
  speakingHandSchema,
  timerActionSchema,
} from '../../../contract/session.ts';
import type { AppContext } from '../../app-context.ts';
import type { Viewer } from '../../http/viewer.ts';
import { inPublishOrder } from '../../live/publish-order.ts';
import {
  addAgendaLink,
  changeHands,
  type HandChange,
  listLinkTargets,
  loadAgendaLinks,
  removeAgendaLink,
  steerTimer,
} from './meeting.commands.ts';
import { refuseIfCancelled, requireParticipant } from './session-access.ts';
import { sessionDetail, sessionForStewards, sessionTopic } from './session-reads.ts';
import { getVisibleSession } from './sessions.queries.ts';

const tags = ['sessions'];
const idParams = z.object({ id: z.string().max(100) });
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};

/**
 * The meeting view's writes (issue 17, item 2; decision 052): the countdown steered by the
 * facilitators, the speaking queue, the agenda's links. Each change goes to every participant
 * through the session's topic with the session's version (session-follower.ts applies it).
 */
export function meetingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live } = ctx;
  const topic = sessionTopic;
  const forStewards = (sessionId: string, viewer: Viewer) => sessionForStewards(db, sessionId, viewer);

  /** One change of the queue, published in order, answered with the queue. */
  const handsChange = async (sessionId: string, change: HandChange) =>
    inPublishOrder(topic(sessionId), async () => {
      const { version, hands } = await changeHands(db, sessionId, change);
      live.publish(topic(sessionId), { type: 'hands.changed', sessionId, version, hands });
      return { items: hands };
    });

  return async (app) => {
    app.post(
      '/sessions/:id/timer',
      {
        schema: {
          tags,
          summary: 'Pause, resume or extend the current item’s countdown (facilitators)',
          params: idParams,
          body: timerActionSchema,
          response: { 200: sessionSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session } = await forStewards(request.params.id, viewer);
        return inPublishOrder(topic(session.id), async () => {
          const { version, timer } = await steerTimer(db, session.id, request.body);
          live.publish(topic(session.id), {
            type: 'agenda.timer.changed',
            sessionId: session.id,
            version,
            timer,
          });
          return sessionDetail(db, session.id, viewer);
        });
      },
    );

    app.put(
      '/sessions/:id/hands/me',
      {
        schema: {
          tags,
          summary: 'Raise my hand: ask for the floor ("je demande la parole")',
          params: idParams,
          response: { 200: listOf(speakingHandSchema), ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session, circle } = await getVisibleSession(db, request.params.id, viewer);
        await requireParticipant(db, session, circle, viewer);
        refuseIfCancelled(session);
        return handsChange(session.id, { kind: 'raise', userId: viewer.id });
      },
    );

    app.delete(
      '/sessions/:id/hands/me',
      {
        schema: {
          tags,
          summary: 'Lower my hand',
          params: idParams,
          response: { 200: listOf(speakingHandSchema), ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session, circle } = await getVisibleSession(db, request.params.id, viewer);
        await requireParticipant(db, session, circle, viewer);
        return handsChange(session.id, { kind: 'lower', userId: viewer.id });
      },
    );

    app.post(
      '/sessions/:id/hands/:userId/floor',
      {
        schema: {
          tags,
          summary: 'Give the floor to someone whose hand is up (facilitators)',
          params: idParams.extend({ userId: z.string().max(100) }),
          response: { 200: listOf(speakingHandSchema), ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session } = await forStewards(request.params.id, viewer);
        return handsChange(session.id, { kind: 'floor', userId: request.params.userId });
      },
    );

    app.delete(
      '/sessions/:id/hands/:userId',
      {
        schema: {
          tags,
          summary: 'Lower someone’s hand (facilitators)',
          params: idParams.extend({ userId: z.string().max(100) }),
          response: { 200: listOf(speakingHandSchema), ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session } = await forStewards(request.params.id, viewer);
        return handsChange(session.id, { kind: 'lower', userId: request.params.userId });
      },
    );

    app.delete(
      '/sessions/:id/hands',
      {
        schema: {
          tags,
          summary: 'Lower every hand (facilitators)',
          params: idParams,
          response: { 200: listOf(speakingHandSchema), ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session } = await forStewards(request.params.id, viewer);
        return handsChange(session.id, { kind: 'clear' });
      },
    );

    app.get(
      '/sessions/:id/agenda-link-targets',
      {
        schema: {
          tags,
          summary:
            'What the circle holds that the agenda may link: boards, polls, sheets, date polls (facilitators)',
          params: idParams,
          response: { 200: listOf(agendaLinkTargetSchema), ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session } = await forStewards(request.params.id, viewer);
        return { items: await listLinkTargets(db, session.circleId) };
      },
    );

    app.post(
      '/sessions/:id/agenda-links',
      {
        schema: {
          tags,
          summary:
            'Link a board, poll, sign-up sheet or date poll of the circle into an agenda item (facilitators)',
          params: idParams,
          body: agendaLinkCreateSchema,
          response: { 201: listOf(agendaLinkSchema), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { session } = await forStewards(request.params.id, viewer);
        await addAgendaLink(db, session, request.body);
        live.publish(topic(session.id), { type: 'agenda.updated', sessionId: session.id });
        return reply.status(201).send({ items: await loadAgendaLinks(db, session.id, session.circleId) });
      },
    );

    app.delete(
      '/sessions/:id/agenda-links/:linkId',
      {
        schema: {
          tags,
          summary: 'Unlink something from an agenda item (facilitators)',
          params: idParams.extend({ linkId: z.string().max(120) }),
          response: { 200: listOf(agendaLinkSchema), ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session } = await forStewards(request.params.id, viewer);
        await removeAgendaLink(db, session.id, request.params.linkId);
        live.publish(topic(session.id), { type: 'agenda.updated', sessionId: session.id });
        return { items: await loadAgendaLinks(db, session.id, session.circleId) };
      },
    );
  };
}
