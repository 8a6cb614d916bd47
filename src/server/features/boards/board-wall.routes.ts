import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  boardFocusSchema,
  boardImportResultSchema,
  boardImportSchema,
  boardZoneSchema,
  zoneCreateSchema,
  zonePatchSchema,
} from '../../../contract/board.ts';
import { errorBodySchema } from '../../../contract/error.ts';
import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../http/errors.ts';
import { inPublishOrder } from '../../live/publish-order.ts';
import { getBoardAccess, requireBoardSteward } from './board-access.ts';
import { boardTopic } from './board-events.ts';
import { boardCsvRows, importBoardCsv, parseBoardCsv } from './board-transfer.ts';
import { createZone, deleteZone, getZone, patchZone } from './board-wall.commands.ts';
import { loadBoard } from './boards.queries.ts';

const tags = ['boards'];
const idParams = z.object({ id: z.string().max(100) });
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};

/** The wall (decision 053): zones drawn by facilitators, their focus, CSV out and in. */
export function boardWallRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live } = ctx;

  /** The zone's board as the viewer may reach it: 404 for the zone when they may not see it. */
  async function zoneAccess(zoneId: string, viewer: Parameters<typeof getBoardAccess>[2]) {
    const zone = await getZone(db, zoneId);
    const access = await getBoardAccess(db, zone.boardId, viewer).catch(() => {
      throw notFound('Zone');
    });
    return { zone, access };
  }

  return async (app) => {
    app.post(
      '/boards/:id/zones',
      {
        schema: {
          tags,
          summary: 'Draw a zone on the wall: a titled rectangle (facilitators)',
          params: idParams,
          body: zoneCreateSchema,
          response: { 201: boardZoneSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const access = await getBoardAccess(db, request.params.id, viewer);
        requireBoardSteward(access);
        const { zone } = await inPublishOrder(boardTopic(access.board.id), async () => {
          const written = await createZone(db, access.board.id, request.body);
          live.publish(boardTopic(access.board.id), written.publication.event, written.publication.variants);
          return written;
        });
        return reply.status(201).send(zone);
      },
    );

    app.patch(
      '/zones/:id',
      {
        schema: {
          tags,
          summary: 'Move, resize or rename a zone (facilitators)',
          params: idParams,
          body: zonePatchSchema,
          response: { 200: boardZoneSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { zone, access } = await zoneAccess(request.params.id, viewer);
        requireBoardSteward(access);
        const written = await inPublishOrder(boardTopic(zone.boardId), async () => {
          const result = await patchZone(db, zone, request.body);
          live.publish(boardTopic(zone.boardId), result.publication.event, result.publication.variants);
          return result;
        });
        return written.zone;
      },
    );

    app.delete(
      '/zones/:id',
      {
        schema: {
          tags,
          summary: 'Remove a zone; its post-its stay where they are (facilitators)',
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { zone, access } = await zoneAccess(request.params.id, viewer);
        requireBoardSteward(access);
        await inPublishOrder(boardTopic(zone.boardId), async () => {
          const publication = await deleteZone(db, zone);
          live.publish(boardTopic(zone.boardId), publication.event, publication.variants);
          return publication;
        });
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/boards/:id/focus',
      {
        schema: {
          tags,
          summary: "Bring everyone's view of the wall to a zone (facilitators)",
          params: idParams,
          body: boardFocusSchema,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const access = await getBoardAccess(db, request.params.id, viewer);
        requireBoardSteward(access);
        const zone = await db
          .selectFrom('boardZones')
          .select('id')
          .where('id', '=', request.body.zoneId)
          .where('boardId', '=', access.board.id)
          .executeTakeFirst();
        if (!zone) throw notFound('Zone');
        const me = await db.selectFrom('users').select('name').where('id', '=', viewer.id).executeTakeFirst();
        live.publish(boardTopic(access.board.id), {
          type: 'board.focus',
          boardId: access.board.id,
          zoneId: zone.id,
          by: me?.name ?? '',
          byId: viewer.id,
        });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/boards/:id/export.csv',
      {
        schema: {
          tags,
          summary: 'The post-its the viewer sees, as CSV (text, category, author, size, place, zone, dots)',
          params: idParams,
          response: { 200: z.string(), 401: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const board = await loadBoard(db, await getBoardAccess(db, request.params.id, viewer));
        const csv = stringify(boardCsvRows(board), { bom: true });
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="tableau-${board.id.slice(0, 8)}.csv"`)
          .send(csv);
      },
    );

    app.post(
      '/boards/:id/import',
      {
        // 500,000 characters of JSON-escaped text, up to 4 bytes each.
        bodyLimit: 2_200_000,
        schema: {
          tags,
          summary:
            'Add post-its from a CSV export (Klaxoon or other): text column required; category or colour, author, x/y optional (facilitators)',
          params: idParams,
          body: boardImportSchema,
          response: { 201: boardImportResultSchema, ...errors, 413: errorBodySchema },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const access = await getBoardAccess(db, request.params.id, viewer);
        requireBoardSteward(access);
        const rows = parseBoardCsv(request.body.csv);
        const { publication, ...result } = await inPublishOrder(boardTopic(access.board.id), async () => {
          const written = await importBoardCsv(db, access.board.id, viewer.id, rows);
          live.publish(boardTopic(access.board.id), written.publication.event, written.publication.variants);
          return written;
        });
        return reply.status(201).send(result);
      },
    );
  };
}
