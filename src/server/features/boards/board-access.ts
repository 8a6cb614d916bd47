import type { Kysely } from 'kysely';
import type { Abilities } from '../../../domain/policy.ts';
import { toBool } from '../../db/columns.ts';
import { preparedQuery } from '../../db/prepared-query.ts';
import type { BoardRow, DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { abilitiesInCircle } from '../../policy/access.ts';
import { getVisibleCircle } from '../circles/circles.public.ts';

type VisibleCircle = Awaited<ReturnType<typeof getVisibleCircle>>;

/** Who is on a board and what they may do there; resolved once per request. */
export interface BoardAccess {
  board: BoardRow;
  circle: VisibleCircle;
  viewer: Viewer;
  /** The board policy's answer (domain/policy.ts), before the board's lock. */
  abilities: Abilities;
  /** Facilitators of the circle, animators, admins, and the board's creator. */
  canSteer: boolean;
}

/**
 * A circle's boards are for its members and those who steer it (the board policy's `read`).
 * Everyone else (a visitor of a public circle, someone waitlisted) gets 404, exactly as if the
 * board did not exist; `takePart` there is creating a board.
 */
export async function circleBoardAccess(db: Kysely<DB>, circleId: string, viewer: Viewer) {
  const circle = await getVisibleCircle(db, circleId, viewer);
  const abilities = abilitiesInCircle(circle, viewer, { kind: 'board', createdBy: null });
  if (!abilities.read) throw notFound('Circle');
  return { circle, abilities };
}

/** Asked by every board and post-it route: prepared once (db/prepared-query.ts). */
const boardById = preparedQuery((db: Kysely<DB>, boardId: string) =>
  db.selectFrom('boards').selectAll().where('id', '=', boardId),
);

export async function getBoardAccess(db: Kysely<DB>, boardId: string, viewer: Viewer): Promise<BoardAccess> {
  const [board] = await boardById(db, boardId);
  if (!board) throw notFound('Board');
  const circle = await getVisibleCircle(db, board.circleId, viewer).catch(() => {
    throw notFound('Board');
  });
  const abilities = abilitiesInCircle(circle, viewer, {
    kind: 'board',
    createdBy: board.createdBy,
    sessionId: board.sessionId,
  });
  if (!abilities.read) throw notFound('Board');
  return { board, circle, viewer, abilities, canSteer: abilities.steer };
}

/** The board a post-it belongs to, with the post-it; a private post-it of someone else is 404. */
export async function getNoteAccess(db: Kysely<DB>, noteId: string, viewer: Viewer) {
  const note = await db.selectFrom('boardNotes').selectAll().where('id', '=', noteId).executeTakeFirst();
  if (!note) throw notFound('Post-it');
  const access = await getBoardAccess(db, note.boardId, viewer).catch(() => {
    throw notFound('Post-it');
  });
  const isMine = note.authorId === viewer.id;
  if (toBool(note.private) && !isMine) throw notFound('Post-it');
  if (toBool(note.hidden) && !isMine && !access.canSteer) throw notFound('Post-it');
  return { ...access, note, isMine };
}

export function requireBoardSteward(access: { canSteer: boolean }) {
  if (!access.canSteer) throw new AppError('FORBIDDEN', 'Only the board’s facilitators can do this');
}

export function requireUnlocked(board: { locked: boolean | number }) {
  if (toBool(board.locked)) throw new AppError('CONFLICT', 'The board is locked');
}

/**
 * Serialises every write on the board (dots against the budget, lock, reveal) for the rest of the
 * transaction, and gives it the board's next change number (`version`, which its live event
 * carries): the UPDATE locks the row on PostgreSQL; SQLite transactions begin IMMEDIATE. Returns
 * the board as it stands under the lock. A write refused after this rolls the number back.
 */
export async function lockBoard(trx: Kysely<DB>, boardId: string) {
  const board = await trx
    .updateTable('boards')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', boardId)
    .returningAll()
    .executeTakeFirst();
  if (!board) throw notFound('Board');
  return board;
}
