import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import { listOf } from '../../../contract/list.ts';
import {
  type NoteComment,
  noteCommentCreateSchema,
  noteCommentSchema,
} from '../../../contract/notes-comments.ts';
import type { AppContext } from '../../app-context.ts';
import { toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import './notes-comments.tables.ts';
import { refuseIfCancelled, requireParticipant } from './session-access.ts';
import { getVisibleSession } from './sessions.queries.ts';

const tags = ['sessions'];
const idParams = z.object({ id: z.string().max(100) });
const commentParams = z.object({ id: z.string().max(100), commentId: z.string().max(100) });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** Open comments a session's notes may hold at once: beyond, resolve some first. */
const MAX_OPEN_COMMENTS = 500;

/** The live topic of a session's notes comments (its own, so the session page does not reload). */
export const notesCommentsTopic = (sessionId: string) => `notes-comments:${sessionId}`;

/**
 * The session as the viewer may comment its notes: those who may write the notes (the circle's
 * members and the session's participants). Who cannot see the session gets 404; who sees it but
 * may not take part, 403 (the policy walk's rule for every "take part" route).
 */
async function commentableSession(db: Kysely<DB>, sessionId: string, viewer: Viewer) {
  const { session, circle } = await getVisibleSession(db, sessionId, viewer);
  await requireParticipant(db, session, circle, viewer);
  return session;
}

async function listComments(db: Kysely<DB>, sessionId: string, viewer: Viewer): Promise<NoteComment[]> {
  const rows = await db
    .selectFrom('sessionNoteComments as c')
    .leftJoin('users as a', 'a.id', 'c.authorId')
    .leftJoin('users as r', 'r.id', 'c.resolvedBy')
    .select([
      'c.id',
      'c.sessionId',
      'c.body',
      'c.quote',
      'c.anchorStart',
      'c.anchorEnd',
      'c.createdAt',
      'c.resolvedAt',
      'c.authorId',
      'a.name as authorName',
      'c.resolvedBy',
      'r.name as resolverName',
    ])
    .where('c.sessionId', '=', sessionId)
    .orderBy('c.createdAt')
    .orderBy('c.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    sessionId: row.sessionId,
    body: row.body,
    quote: row.quote,
    anchor: { start: row.anchorStart, end: row.anchorEnd },
    author: row.authorId ? { id: row.authorId, name: row.authorName ?? '' } : null,
    createdAt: toIso(row.createdAt),
    resolvedAt: row.resolvedAt ? toIso(row.resolvedAt) : null,
    resolvedBy: row.resolvedBy ? { id: row.resolvedBy, name: row.resolverName ?? '' } : null,
    isMine: row.authorId === viewer.id,
  }));
}

/** Comments on passages of a session's shared notes: list, add, resolve (decision 054). */
export function notesCommentsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live } = ctx;
  return async (app) => {
    app.get(
      '/sessions/:id/notes/comments',
      {
        schema: {
          tags,
          summary: 'Comments on passages of the session’s shared notes',
          params: idParams,
          response: { 200: listOf(noteCommentSchema), ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const session = await commentableSession(db, request.params.id, viewer);
        return { items: await listComments(db, session.id, viewer) };
      },
    );

    app.post(
      '/sessions/:id/notes/comments',
      {
        schema: {
          tags,
          summary: 'Comment on a passage of the shared notes',
          params: idParams,
          body: noteCommentCreateSchema,
          response: { 201: noteCommentSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const session = await commentableSession(db, request.params.id, viewer);
        refuseIfCancelled(session);
        const open = await db
          .selectFrom('sessionNoteComments')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('sessionId', '=', session.id)
          .where('resolvedAt', 'is', null)
          .executeTakeFirstOrThrow();
        if (Number(open.count) >= MAX_OPEN_COMMENTS) {
          throw new AppError('CONFLICT', 'Too many open comments: resolve some first');
        }
        const id = randomUUID();
        const { body, quote, anchor } = request.body;
        await db
          .insertInto('sessionNoteComments')
          .values({
            id,
            sessionId: session.id,
            authorId: viewer.id,
            body,
            quote,
            anchorStart: anchor.start,
            anchorEnd: anchor.end,
            createdAt: new Date().toISOString(),
            resolvedAt: null,
            resolvedBy: null,
          })
          .execute();
        live.publish(notesCommentsTopic(session.id), {
          type: 'notes.comments.updated',
          sessionId: session.id,
        });
        const created = (await listComments(db, session.id, viewer)).find((comment) => comment.id === id);
        if (!created) throw notFound('Comment');
        return reply.status(201).send(created);
      },
    );

    app.post(
      '/sessions/:id/notes/comments/:commentId/resolve',
      {
        schema: {
          tags,
          summary: 'Resolve a comment of the shared notes (anyone who may write the notes)',
          params: commentParams,
          response: { 200: noteCommentSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const session = await commentableSession(db, request.params.id, viewer);
        const updated = await db
          .updateTable('sessionNoteComments')
          .set({ resolvedAt: new Date().toISOString(), resolvedBy: viewer.id })
          .where('id', '=', request.params.commentId)
          .where('sessionId', '=', session.id)
          .where('resolvedAt', 'is', null)
          .executeTakeFirst();
        const comment = (await listComments(db, session.id, viewer)).find(
          (found) => found.id === request.params.commentId,
        );
        if (!comment) throw notFound('Comment');
        if (Number(updated.numUpdatedRows) > 0) {
          live.publish(notesCommentsTopic(session.id), {
            type: 'notes.comments.updated',
            sessionId: session.id,
          });
        }
        return comment;
      },
    );
  };
}
