import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  boardCreateSchema,
  boardPatchSchema,
  boardRevealSchema,
  boardSchema,
  boardSummarySchema,
} from '../../../contract/board.ts';
import { errorBodySchema } from '../../../contract/error.ts';
import { pageOf, pageQuerySchema } from '../../../contract/list.ts';
import type { AppContext } from '../../app-context.ts';
import { requestLocale } from '../../http/request-locale.ts';
import { inPublishOrder } from '../../live/publish-order.ts';
import { circleBoardAccess, getBoardAccess, requireBoardSteward } from './board-access.ts';
import { boardTopic } from './board-events.ts';
import { createBoard, patchBoard, revealBoard } from './boards.commands.ts';
import { listCircleBoards, loadBoard } from './boards.queries.ts';

const tags = ['boards'];
const idParams = z.object({ id: z.string().max(100) });
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};

/** Boards of a circle: the legend, settings and facilitation (lock, silent brainstorm, reveal). */
export function boardsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live } = ctx;

  return async (app) => {
    app.get(
      '/circles/:id/boards',
      {
        schema: {
          tags,
          summary: 'Boards of a circle (its members)',
          params: idParams,
          querystring: pageQuerySchema,
          response: {
            200: pageOf(boardSummarySchema),
            400: errorBodySchema,
            401: errorBodySchema,
            404: errorBodySchema,
          },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { circle } = await circleBoardAccess(db, request.params.id, viewer);
        return listCircleBoards(db, circle.id, { ...request.query, scope: circle.id });
      },
    );

    app.post(
      '/circles/:id/boards',
      {
        schema: {
          tags,
          summary: 'Create a board with its legend (members of the circle)',
          params: idParams,
          body: boardCreateSchema,
          response: { 201: boardSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { circle } = await circleBoardAccess(db, request.params.id, viewer);
        const id = await createBoard(db, circle.id, viewer.id, request.body, requestLocale(request));
        return reply.status(201).send(await loadBoard(db, await getBoardAccess(db, id, viewer)));
      },
    );

    app.get(
      '/boards/:id',
      {
        schema: {
          tags,
          summary: 'A board as the viewer may see it: legend, clusters, post-its, dots',
          params: idParams,
          response: { 200: boardSchema, 401: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request) =>
        loadBoard(db, await getBoardAccess(db, request.params.id, await viewers.require(request))),
    );

    app.patch(
      '/boards/:id',
      {
        schema: {
          tags,
          summary:
            'Change a board: title, legend, anonymity, lock, silent brainstorm, dots, timer (facilitators)',
          params: idParams,
          body: boardPatchSchema,
          response: { 200: boardSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const access = await getBoardAccess(db, request.params.id, viewer);
        requireBoardSteward(access);
        await inPublishOrder(boardTopic(access.board.id), async () => {
          const written = { publication: await patchBoard(db, access.board.id, request.body) };
          live.publish(boardTopic(access.board.id), written.publication.event, written.publication.variants);
          return written;
        });
        return loadBoard(db, await getBoardAccess(db, access.board.id, viewer));
      },
    );

    app.delete(
      '/boards/:id',
      {
        schema: {
          tags,
          summary: 'Delete a board and its post-its (facilitators)',
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const access = await getBoardAccess(db, request.params.id, viewer);
        requireBoardSteward(access);
        await db.deleteFrom('boards').where('id', '=', access.board.id).execute();
        live.publish(boardTopic(access.board.id), { type: 'board.deleted', boardId: access.board.id });
        ctx.revocations.closeTopic(boardTopic(access.board.id));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/boards/:id/reveal',
      {
        schema: {
          tags,
          summary: 'Reveal all private post-its at once (ends the silent brainstorm), or the dot totals',
          params: idParams,
          body: boardRevealSchema,
          response: { 200: boardSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const access = await getBoardAccess(db, request.params.id, viewer);
        requireBoardSteward(access);
        await inPublishOrder(boardTopic(access.board.id), async () => {
          const version = await revealBoard(db, access.board.id, request.body.what);
          live.publish(boardTopic(access.board.id), {
            type: 'board.revealed',
            boardId: access.board.id,
            what: request.body.what,
            version,
          });
        });
        return loadBoard(db, await getBoardAccess(db, access.board.id, viewer));
      },
    );
  };
}
