import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { BoardZone, ZoneCreateInput, ZonePatch } from '../../../contract/board.ts';
import { ZONES_PER_BOARD } from '../../../domain/board-wall.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { lockBoard } from './board-access.ts';
import type { BoardPublication } from './board-events.ts';

const zoneColumns = ['id', 'title', 'color', 'x', 'y', 'width', 'height'] as const;

async function zoneNow(trx: Kysely<DB>, zoneId: string): Promise<BoardZone> {
  const zone = await trx
    .selectFrom('boardZones')
    .select(zoneColumns)
    .where('id', '=', zoneId)
    .executeTakeFirst();
  if (!zone) throw notFound('Zone');
  return zone;
}

/** A zone drawn on the wall; everyone on the board sees it at once (`board.zone.created`). */
export async function createZone(
  db: Kysely<DB>,
  boardId: string,
  input: ZoneCreateInput,
): Promise<{ zone: BoardZone; publication: BoardPublication }> {
  return db.transaction().execute(async (trx) => {
    const board = await lockBoard(trx, boardId);
    const count = await trx
      .selectFrom('boardZones')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('boardId', '=', boardId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= ZONES_PER_BOARD) {
      throw new AppError('CONFLICT', `A wall holds at most ${ZONES_PER_BOARD} zones`);
    }
    const id = randomUUID();
    await trx
      .insertInto('boardZones')
      .values({ id, boardId, ...input, color: input.color ?? null, createdAt: new Date().toISOString() })
      .execute();
    const zone = await zoneNow(trx, id);
    return {
      zone,
      publication: {
        event: { type: 'board.zone.created', boardId, version: board.version, zone },
        variants: [],
      },
    };
  });
}

export async function patchZone(
  db: Kysely<DB>,
  zone: { id: string; boardId: string },
  patch: ZonePatch,
): Promise<{ zone: BoardZone; publication: BoardPublication }> {
  return db.transaction().execute(async (trx) => {
    const board = await lockBoard(trx, zone.boardId);
    await trx.updateTable('boardZones').set(patch).where('id', '=', zone.id).execute();
    const now = await zoneNow(trx, zone.id);
    return {
      zone: now,
      publication: {
        event: { type: 'board.zone.updated', boardId: zone.boardId, version: board.version, zone: now },
        variants: [],
      },
    };
  });
}

/** Removes the rectangle only: the post-its in it stay where they are. */
export async function deleteZone(
  db: Kysely<DB>,
  zone: { id: string; boardId: string },
): Promise<BoardPublication> {
  return db.transaction().execute(async (trx) => {
    const board = await lockBoard(trx, zone.boardId);
    await trx.deleteFrom('boardZones').where('id', '=', zone.id).execute();
    return {
      event: { type: 'board.zone.deleted', boardId: zone.boardId, version: board.version, zoneId: zone.id },
      variants: [],
    };
  });
}

/** The zone and its board, for a route that names the zone; unknown zones are 404. */
export async function getZone(db: Kysely<DB>, zoneId: string) {
  const zone = await db
    .selectFrom('boardZones')
    .select(['id', 'boardId'])
    .where('id', '=', zoneId)
    .executeTakeFirst();
  if (!zone) throw notFound('Zone');
  return zone;
}
