import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  boardNoteSchema,
  boardSchema,
  clusterCreateSchema,
  clusterPatchSchema,
  dotsPutSchema,
  myDotsSchema,
  noteActionSchema,
  noteCreateSchema,
  notePatchSchema,
} from '../../../contract/board.ts';
import { errorBodySchema } from '../../../contract/error.ts';
import { actionSchema } from '../../../contract/session.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { inPublishOrder } from '../../live/publish-order.ts';
import { actionAbilities, listActions } from '../actions/actions.public.ts';
import { type BoardAccess, getBoardAccess, getNoteAccess, requireBoardSteward } from './board-access.ts';
import { boardTopic } from './board-events.ts';
import {
  createCluster,
  createNote,
  deleteCluster,
  deleteNote,
  getCluster,
  noteToAction,
  patchNote,
  putMyDots,
  renameCluster,
} from './boards.commands.ts';
import { findVisibleNote, loadBoard } from './boards.queries.ts';

const tags = ['boards'];
const idParams = z.object({ id: z.string().max(100) });
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};

/** Post-its, dots, clusters and post-it → action: what every member of the circle does on a board. */
export function boardNotesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live } = ctx;

  /**
   * The post-it as the viewer now sees it, through the same rules as the whole board, on the access
   * this request already resolved: its own rows only, whatever the board's size.
   */
  async function noteAsSeen(access: BoardAccess, noteId: string) {
    const note = await findVisibleNote(db, access, noteId);
    if (!note) throw notFound('Post-it');
    return note;
  }

  return async (app) => {
    app.post(
      '/boards/:id/notes',
      {
        schema: {
          tags,
          summary: 'Add a post-it (plain text, at most 2,000 characters)',
          params: idParams,
          body: noteCreateSchema,
          response: { 201: boardNoteSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const access = await getBoardAccess(db, request.params.id, viewer);
        const { board } = access;
        const note = await inPublishOrder(boardTopic(board.id), async () => {
          const written = await createNote(db, board.id, viewer.id, request.body);
          live.publish(boardTopic(board.id), written.publication.event, written.publication.variants);
          return written;
        });
        return reply.status(201).send(await noteAsSeen(access, note.id));
      },
    );

    app.patch(
      '/notes/:id',
      {
        schema: {
          tags,
          summary: 'Edit your post-it; move or group any post-it; hide one (facilitators)',
          params: idParams,
          body: notePatchSchema,
          response: { 200: boardNoteSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const access = await getNoteAccess(db, request.params.id, viewer);
        const { text, categoryId, hidden } = request.body;
        if ((text !== undefined || categoryId !== undefined) && !access.isMine) {
          throw new AppError('FORBIDDEN', 'Only its author can change what a post-it says');
        }
        if (hidden !== undefined) requireBoardSteward(access);
        if (request.body.size !== undefined && !access.isMine && !access.canSteer) {
          throw new AppError('FORBIDDEN', 'Only its author or a facilitator can resize a post-it');
        }
        await inPublishOrder(boardTopic(access.board.id), async () => {
          const written = { publication: await patchNote(db, access.note, request.body, access.canSteer) };
          live.publish(boardTopic(access.board.id), written.publication.event, written.publication.variants);
          return written;
        });
        return noteAsSeen(access, access.note.id);
      },
    );

    app.delete(
      '/notes/:id',
      {
        schema: {
          tags,
          summary: 'Delete your post-it (or any, for facilitators)',
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const access = await getNoteAccess(db, request.params.id, viewer);
        if (!access.isMine) requireBoardSteward(access);
        await inPublishOrder(boardTopic(access.board.id), async () => {
          const written = { publication: await deleteNote(db, access.note, access.canSteer) };
          live.publish(boardTopic(access.board.id), written.publication.event, written.publication.variants);
          return written;
        });
        return reply.status(204).send(null);
      },
    );

    app.put(
      '/notes/:id/dots/me',
      {
        schema: {
          tags,
          summary:
            'Set how many of your dots are on this post-it (within the budget and the per-post-it maximum)',
          params: idParams,
          body: dotsPutSchema,
          response: { 200: myDotsSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const access = await getNoteAccess(db, request.params.id, viewer);
        const { result } = await inPublishOrder(boardTopic(access.board.id), async () => {
          const written = await putMyDots(db, access.note, viewer.id, request.body.count);
          live.publish(boardTopic(access.board.id), written.publication.event, written.publication.variants);
          return written;
        });
        return result;
      },
    );

    app.post(
      '/notes/:id/action',
      {
        schema: {
          tags,
          summary: 'Make a post-it a next step (owners, due date), linked back to the post-it',
          params: idParams,
          body: noteActionSchema,
          response: { 201: actionSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const access = await getNoteAccess(db, request.params.id, viewer);
        if (access.note.private)
          throw new AppError('CONFLICT', 'Reveal the post-it before making it an action');
        const { actionId } = await inPublishOrder(boardTopic(access.board.id), async () => {
          const written = await noteToAction(
            db,
            {
              circleId: access.circle.id,
              sessionId: access.board.sessionId,
              boardId: access.board.id,
              noteId: access.note.id,
            },
            viewer.id,
            request.body,
            access.canSteer,
          );
          live.publish(boardTopic(access.board.id), written.publication.event, written.publication.variants);
          return written;
        });
        const [row] = await listActions(db, { actionId });
        if (!row) throw notFound('Action');
        // Made by a member of the board's circle (or a steward): they read it without being listed.
        const action = {
          ...row,
          abilities: actionAbilities(row, { circle: access.circle, viewer, isListed: false }),
        };
        if (action.sessionId) {
          live.publish(`session:${action.sessionId}`, {
            type: 'action.created',
            sessionId: action.sessionId,
            actionId,
          });
        }
        return reply.status(201).send(action);
      },
    );

    app.post(
      '/boards/:id/clusters',
      {
        schema: {
          tags,
          summary: 'Group post-its under a title',
          params: idParams,
          body: clusterCreateSchema,
          response: { 201: boardSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const access = await getBoardAccess(db, request.params.id, viewer);
        await inPublishOrder(boardTopic(access.board.id), async () => {
          const written = await createCluster(db, access.board.id, request.body, access.canSteer);
          live.publish(boardTopic(access.board.id), written.publication.event, written.publication.variants);
          return written;
        });
        return reply.status(201).send(await loadBoard(db, await getBoardAccess(db, access.board.id, viewer)));
      },
    );

    app.patch(
      '/clusters/:id',
      {
        schema: {
          tags,
          summary: 'Rename a cluster',
          params: idParams,
          body: clusterPatchSchema,
          response: { 200: boardSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const cluster = await getCluster(db, request.params.id);
        const access = await getBoardAccess(db, cluster.boardId, viewer).catch(() => {
          throw notFound('Cluster');
        });
        await inPublishOrder(boardTopic(cluster.boardId), async () => {
          const written = {
            publication: await renameCluster(db, cluster, request.body.title, access.canSteer),
          };
          live.publish(boardTopic(cluster.boardId), written.publication.event, written.publication.variants);
          return written;
        });
        return loadBoard(db, await getBoardAccess(db, cluster.boardId, viewer));
      },
    );

    app.delete(
      '/clusters/:id',
      {
        schema: {
          tags,
          summary: 'Ungroup a cluster (its post-its stay)',
          params: idParams,
          response: { 200: boardSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const cluster = await getCluster(db, request.params.id);
        const access = await getBoardAccess(db, cluster.boardId, viewer).catch(() => {
          throw notFound('Cluster');
        });
        await inPublishOrder(boardTopic(cluster.boardId), async () => {
          const written = { publication: await deleteCluster(db, cluster, access.canSteer) };
          live.publish(boardTopic(cluster.boardId), written.publication.event, written.publication.variants);
          return written;
        });
        return loadBoard(db, await getBoardAccess(db, cluster.boardId, viewer));
      },
    );
  };
}
