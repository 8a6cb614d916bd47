import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import { listOf } from '../../../contract/list.ts';
import {
  announcementsPutSchema,
  checkinPutSchema,
  checkinSchema,
  participantAddSchema,
  participantPatchSchema,
  participantPutSchema,
  sessionSchema,
} from '../../../contract/session.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { inPublishOrder } from '../../live/publish-order.ts';
import { refuseIfCancelled, requireParticipant } from './session-access.ts';
import { sessionDetail, sessionForStewards, sessionTopic } from './session-reads.ts';
import {
  addGuestParticipant,
  replaceAnnouncements,
  setOwnParticipation,
  upsertCheckin,
} from './sessions.commands.ts';
import { getVisibleSession } from './sessions.queries.ts';

const tags = ['sessions'];
const idParams = z.object({ id: z.string().max(100) });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** Taking part in a session: check-in rounds, answers and attendance, what to announce. */
export function participationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live } = ctx;
  const topic = sessionTopic;
  const detail = (sessionId: string, viewer: Viewer | undefined) => sessionDetail(db, sessionId, viewer);
  const forStewards = (sessionId: string, viewer: Viewer) => sessionForStewards(db, sessionId, viewer);

  return async (app) => {
    app.put(
      '/sessions/:id/checkins/me',
      {
        schema: {
          tags,
          summary: 'My weather in the check-in (or closing) round',
          params: idParams,
          body: checkinPutSchema,
          response: { 200: listOf(checkinSchema), ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session, circle } = await getVisibleSession(db, request.params.id, viewer);
        await requireParticipant(db, session, circle, viewer);
        refuseIfCancelled(session);
        await inPublishOrder(topic(session.id), async () => {
          const { version, checkin } = await upsertCheckin(db, session.id, viewer.id, request.body);
          live.publish(topic(session.id), {
            type: 'checkin.updated',
            sessionId: session.id,
            userId: viewer.id,
            version,
            checkin,
          });
        });
        return { items: (await detail(session.id, viewer)).checkins };
      },
    );

    app.put(
      '/sessions/:id/participants/me',
      {
        schema: {
          tags,
          summary: 'Answer an invitation: coming or excused',
          params: idParams,
          body: participantPutSchema,
          response: { 200: sessionSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session, circle } = await getVisibleSession(db, request.params.id, viewer);
        await requireParticipant(db, session, circle, viewer);
        refuseIfCancelled(session);
        await setOwnParticipation(db, session.id, viewer.id, request.body.status);
        live.publish(topic(session.id), { type: 'participants.updated', sessionId: session.id });
        return detail(session.id, viewer);
      },
    );

    app.post(
      '/sessions/:id/participants',
      {
        schema: {
          tags,
          summary: 'Invite a member or list a guest by name (facilitators)',
          params: idParams,
          body: participantAddSchema,
          response: { 201: sessionSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { session } = await forStewards(request.params.id, viewer);
        refuseIfCancelled(session);
        const { userId, guestName, status = 'invited' } = request.body;
        if (guestName) await addGuestParticipant(db, session.id, guestName, status);
        if (userId) {
          const inCircle = await db
            .selectFrom('circleMembers')
            .select('userId')
            .where('circleId', '=', session.circleId)
            .where('status', '=', 'member')
            .where('userId', '=', userId)
            .executeTakeFirst();
          if (!inCircle)
            throw new AppError('INVALID_INPUT', 'Only members of the circle can be invited by account', [
              { path: ['body', 'userId'], message: 'not in the circle' },
            ]);
          await setOwnParticipation(db, session.id, userId, status);
        }
        live.publish(topic(session.id), { type: 'participants.updated', sessionId: session.id });
        return reply.status(201).send(await detail(session.id, viewer));
      },
    );

    app.patch(
      '/sessions/:id/participants/:participantId',
      {
        schema: {
          tags,
          summary: 'Record attendance (facilitators)',
          params: idParams.extend({ participantId: z.string().max(100) }),
          body: participantPatchSchema,
          response: { 200: sessionSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session } = await forStewards(request.params.id, viewer);
        const updated = await db
          .updateTable('sessionParticipants')
          .set({ status: request.body.status })
          .where('id', '=', request.params.participantId)
          .where('sessionId', '=', session.id)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', 'Participant not found');
        live.publish(topic(session.id), { type: 'participants.updated', sessionId: session.id });
        return detail(session.id, viewer);
      },
    );

    app.put(
      '/sessions/:id/announcements',
      {
        schema: {
          tags,
          summary: 'What must be told to the wider community (“à communiquer”)',
          params: idParams,
          body: announcementsPutSchema,
          response: { 200: sessionSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session, circle } = await getVisibleSession(db, request.params.id, viewer);
        await requireParticipant(db, session, circle, viewer);
        await replaceAnnouncements(db, session.id, request.body.items, viewer.id);
        live.publish(topic(session.id), { type: 'announcements.updated', sessionId: session.id });
        return detail(session.id, viewer);
      },
    );
  };
}
