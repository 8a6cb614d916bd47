import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import { pageOf, pageQuerySchema } from '../../../contract/list.ts';
import { optionalBody } from '../../../contract/optional-body.ts';
import {
  signupEntryCreateSchema,
  signupResultSchema,
  signupSheetCreateSchema,
  signupSheetPatchSchema,
  signupSheetSchema,
  signupSheetSummarySchema,
  workingGroupCreatedSchema,
} from '../../../contract/signup.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { getCircleContentAccess, getEditedCircle, toCircleDto } from '../circles/circles.public.ts';
import { createSignupSheet, createWorkingGroup, signUp, withdraw } from './signups.commands.ts';
import { getVisibleSheet, getVisibleTopic, listCircleSheets, loadSheetDetail } from './signups.queries.ts';

const tags = ['signup-sheets'];
const idParams = z.object({ id: z.string().max(100) });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** The live topic of a sign-up sheet. */
export const signupSheetTopic = (sheetId: string) => `signup-sheet:${sheetId}`;

export function signupsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live } = ctx;

  const detail = async (sheetId: string, viewer: Viewer | undefined) => {
    const found = await getVisibleSheet(db, sheetId, viewer);
    return loadSheetDetail(db, sheetId, {
      viewerId: viewer?.id,
      circleName: found.circle.name,
      abilities: found.abilities,
    });
  };

  /** A topic the viewer may sign up to: a member of its circle (404 if hidden, 403 otherwise). */
  const topicForMember = async (topicId: string, viewer: Viewer) => {
    const found = await getVisibleTopic(db, topicId, viewer);
    if (!found.abilities.takePart) throw new AppError('FORBIDDEN', 'Only the circle’s members can sign up');
    return found;
  };

  return async (app) => {
    app.get(
      '/circles/:id/signup-sheets',
      {
        schema: {
          tags,
          summary: 'Sign-up sheets of a circle, newest first',
          params: idParams,
          querystring: pageQuerySchema,
          response: { 200: pageOf(signupSheetSummarySchema), 400: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const standing = await getCircleContentAccess(
          db,
          request.params.id,
          await viewers.find(request),
          'Circle',
        );
        return listCircleSheets(db, standing.circle.id, { ...request.query, scope: standing.circle.id });
      },
    );

    app.post(
      '/circles/:id/signup-sheets',
      {
        schema: {
          tags,
          summary: 'Open a sign-up sheet with topics or slots, each with an optional capacity',
          params: idParams,
          body: signupSheetCreateSchema,
          response: { 201: signupSheetSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const standing = await getCircleContentAccess(db, request.params.id, viewer, 'Circle');
        if (!standing.isMember) throw new AppError('FORBIDDEN', 'Only the circle’s members can open a sheet');
        const id = await createSignupSheet(db, standing.circle.id, viewer.id, request.body);
        return reply.status(201).send(await detail(id, viewer));
      },
    );

    app.get(
      '/signup-sheets/:id',
      {
        schema: {
          tags,
          summary: 'A sign-up sheet: topics, places, people confirmed and waiting in order',
          params: idParams,
          response: { 200: signupSheetSchema, 404: errorBodySchema },
        },
      },
      async (request) => detail(request.params.id, await viewers.find(request)),
    );

    app.patch(
      '/signup-sheets/:id',
      {
        schema: {
          tags,
          summary: 'Rename a sheet (its organiser and the circle’s facilitators)',
          params: idParams,
          body: signupSheetPatchSchema,
          response: { 200: signupSheetSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { sheet, canManage } = await getVisibleSheet(db, request.params.id, viewer);
        if (!canManage) {
          throw new AppError(
            'FORBIDDEN',
            'Only the sheet’s organiser and the circle’s facilitators can edit it',
          );
        }
        await db
          .updateTable('signupSheets')
          .set({ title: request.body.title })
          .where('id', '=', sheet.id)
          .execute();
        return detail(sheet.id, viewer);
      },
    );

    app.delete(
      '/signup-sheets/:id',
      {
        schema: {
          tags,
          summary:
            'Delete a sheet with its topics and sign-ups; working groups made from it stay (its organiser and the circle’s facilitators)',
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { sheet, canManage } = await getVisibleSheet(db, request.params.id, viewer);
        if (!canManage) {
          throw new AppError(
            'FORBIDDEN',
            'Only the sheet’s organiser and the circle’s facilitators can delete it',
          );
        }
        // Topics and entries go by cascade; a working group's circle only loses its link back.
        await db.deleteFrom('signupSheets').where('id', '=', sheet.id).execute();
        live.publish(signupSheetTopic(sheet.id), { type: 'signup-sheet.deleted', sheetId: sheet.id });
        ctx.revocations.closeTopic(signupSheetTopic(sheet.id));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/signup-topics/:id/entries',
      {
        schema: {
          tags,
          summary: 'Sign up to a topic: confirmed while places remain, waitlisted after',
          params: idParams,
          body: optionalBody(signupEntryCreateSchema),
          response: { 200: signupResultSchema, 201: signupResultSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { topic } = await topicForMember(request.params.id, viewer);
        const result = await signUp(db, topic.id, viewer.id, request.body.note ?? '');
        live.publish(signupSheetTopic(topic.sheetId), {
          type: 'signup.updated',
          sheetId: topic.sheetId,
          topicId: topic.id,
        });
        return reply.status(result.created ? 201 : 200).send({ status: result.status });
      },
    );

    app.delete(
      '/signup-topics/:id/entries/me',
      {
        schema: {
          tags,
          summary: 'Withdraw; a confirmed place goes to the first person waiting, who is told by mail',
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { topic } = await getVisibleTopic(db, request.params.id, viewer);
        await withdraw(db, topic.id, viewer.id);
        live.publish(signupSheetTopic(topic.sheetId), {
          type: 'signup.updated',
          sheetId: topic.sheetId,
          topicId: topic.id,
        });
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/signup-topics/:id/working-group',
      {
        schema: {
          tags,
          summary: 'Turn a topic’s confirmed sign-ups into a working group circle (the sheet’s organiser)',
          params: idParams,
          response: { 201: workingGroupCreatedSchema, ...errors, 409: errorBodySchema },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { topic, sheet, circle, canManage } = await getVisibleTopic(db, request.params.id, viewer);
        if (!canManage) {
          throw new AppError(
            'FORBIDDEN',
            'Only the sheet’s organiser and the circle’s facilitators can do this',
          );
        }
        const circleId = await createWorkingGroup(db, topic.id, viewer.id, {
          communityId: circle.communityId,
          visibility: circle.visibility,
          sheetTitle: sheet.title,
        });
        live.publish(signupSheetTopic(sheet.id), {
          type: 'signup.updated',
          sheetId: sheet.id,
          topicId: topic.id,
        });
        return reply
          .status(201)
          .send({ circle: toCircleDto(await getEditedCircle(db, circleId, viewer), viewer) });
      },
    );
  };
}
