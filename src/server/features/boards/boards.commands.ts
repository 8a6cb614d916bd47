import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { BoardCreateInput, BoardPatch, NoteCreateInput, NotePatch } from '../../../contract/board.ts';
import { DEFAULT_DOTS_PER_PARTICIPANT, dotsProblem, isVotingOpen } from '../../../domain/board.ts';
import { boardTemplates } from '../../../domain/board-wall.ts';
import { toBool, toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Locale } from '../../mail/mail-i18n.ts';
import { insertActionIn } from '../actions/actions.public.ts';
import { lockBoard, requireUnlocked } from './board-access.ts';
import {
  type BoardPublication,
  boardChanged,
  countPrivateNotes,
  dotsChanged,
  noteChanged,
  noteDeleted,
  readNote,
} from './board-events.ts';

/** Read back under the lock, inside the write: the post-it exists (or the lock would have said so). */
async function noteNow(trx: Kysely<DB>, noteId: string) {
  const note = await readNote(trx, noteId);
  if (!note) throw notFound('Post-it');
  return note;
}

const invalid = (field: string, message: string) =>
  new AppError('INVALID_INPUT', message, [{ path: ['body', field], message }]);

/** A session (and agenda item) to attach a board to must be of the same circle. */
async function requireAttachment(db: Kysely<DB>, circleId: string, input: BoardCreateInput) {
  if (!input.sessionId) return;
  const session = await db
    .selectFrom('sessions')
    .select('id')
    .where('id', '=', input.sessionId)
    .where('circleId', '=', circleId)
    .executeTakeFirst();
  if (!session) throw invalid('sessionId', 'not a session of this circle');
  if (!input.agendaItemId) return;
  const item = await db
    .selectFrom('agendaItems')
    .select('id')
    .where('id', '=', input.agendaItemId)
    .where('sessionId', '=', session.id)
    .executeTakeFirst();
  if (!item) throw invalid('agendaItemId', 'not an item of this session’s agenda');
}

export async function createBoard(
  db: Kysely<DB>,
  circleId: string,
  creatorId: string,
  input: BoardCreateInput,
  locale: Locale = 'fr',
): Promise<string> {
  await requireAttachment(db, circleId, input);
  const id = randomUUID();
  const now = new Date().toISOString();
  const template = input.template ? boardTemplates[input.template] : undefined;
  const categories =
    input.categories ??
    template?.categories.map((category) => ({
      name: category.name[locale],
      color: category.color,
      meaning: category.meaning[locale],
    })) ??
    [];
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('boards')
      .values({
        id,
        circleId,
        sessionId: input.sessionId ?? null,
        agendaItemId: input.agendaItemId ?? null,
        title: input.title,
        anonymous: input.anonymous ?? false,
        silent: input.silent ?? false,
        locked: false,
        hideDots: input.hideDots ?? false,
        dotsRevealed: false,
        dotsPerParticipant: input.dotsPerParticipant ?? DEFAULT_DOTS_PER_PARTICIPANT,
        maxDotsPerNote: input.maxDotsPerNote ?? null,
        votingClosesAt: input.votingClosesAt ? new Date(input.votingClosesAt).toISOString() : null,
        createdBy: creatorId,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    for (const [index, category] of categories.entries()) {
      await trx
        .insertInto('boardCategories')
        .values({ id: randomUUID(), boardId: id, position: index + 1, meaning: '', ...category })
        .execute();
    }
    for (const [index, zone] of (template?.zones ?? []).entries()) {
      await trx
        .insertInto('boardZones')
        .values({
          id: randomUUID(),
          boardId: id,
          title: zone.title[locale],
          color: zone.color,
          x: zone.x,
          y: zone.y,
          width: zone.width,
          height: zone.height,
          // Drawn in order: the same instant would leave the order to the ids.
          createdAt: new Date(Date.parse(now) + index).toISOString(),
        })
        .execute();
    }
  });
  return id;
}

/** Rewrites the legend: kept ids keep their post-its; categories left out are removed. */
async function replaceCategories(
  trx: Kysely<DB>,
  boardId: string,
  categories: NonNullable<BoardPatch['categories']>,
) {
  const existing = await trx
    .selectFrom('boardCategories')
    .select('id')
    .where('boardId', '=', boardId)
    .execute();
  const known = new Set(existing.map((row) => row.id));
  const kept = new Set<string>();
  for (const [index, category] of categories.entries()) {
    const values = {
      position: index + 1,
      name: category.name,
      color: category.color,
      meaning: category.meaning ?? '',
    };
    if (category.id && known.has(category.id) && !kept.has(category.id)) {
      kept.add(category.id);
      await trx.updateTable('boardCategories').set(values).where('id', '=', category.id).execute();
    } else {
      await trx
        .insertInto('boardCategories')
        .values({ id: randomUUID(), boardId, ...values })
        .execute();
    }
  }
  const removed = [...known].filter((categoryId) => !kept.has(categoryId));
  if (removed.length > 0) {
    // Their post-its stay, without a category (ON DELETE SET NULL).
    await trx.deleteFrom('boardCategories').where('id', 'in', removed).execute();
  }
}

export async function patchBoard(
  db: Kysely<DB>,
  boardId: string,
  patch: BoardPatch,
): Promise<BoardPublication> {
  const { categories, votingClosesAt, ...fields } = patch;
  return db.transaction().execute(async (trx) => {
    const board = await lockBoard(trx, boardId);
    const budget = fields.dotsPerParticipant ?? board.dotsPerParticipant;
    const perNote = fields.maxDotsPerNote === undefined ? board.maxDotsPerNote : fields.maxDotsPerNote;
    if (perNote !== null && perNote > budget) throw invalid('maxDotsPerNote', 'at most the whole budget');
    if (fields.anonymous === false && toBool(board.anonymous)) {
      // Post-its written under the promise of anonymity must never be signed afterwards.
      const written = await trx
        .selectFrom('boardNotes')
        .select('id')
        .where('boardId', '=', boardId)
        .limit(1)
        .executeTakeFirst();
      if (written)
        throw new AppError('CONFLICT', 'Post-its were written anonymously: the board stays anonymous');
    }
    // Hiding totals again (a new round of votes) hides them until the next reveal.
    const rehide = fields.hideDots === true && !toBool(board.hideDots) ? { dotsRevealed: false } : {};
    await trx
      .updateTable('boards')
      .set({
        ...fields,
        ...rehide,
        ...(votingClosesAt !== undefined
          ? { votingClosesAt: votingClosesAt ? new Date(votingClosesAt).toISOString() : null }
          : {}),
        updatedAt: new Date().toISOString(),
      })
      .where('id', '=', boardId)
      .execute();
    if (categories) await replaceCategories(trx, boardId, categories);
    return boardChanged(board);
  });
}

/** Shows every private post-it at once (ending the silent brainstorm), or the dot totals. */
export async function revealBoard(db: Kysely<DB>, boardId: string, what: 'notes' | 'dots') {
  return db.transaction().execute(async (trx) => {
    const { version } = await lockBoard(trx, boardId);
    const now = new Date().toISOString();
    if (what === 'dots') {
      await trx
        .updateTable('boards')
        .set({ dotsRevealed: true, updatedAt: now })
        .where('id', '=', boardId)
        .execute();
      return version;
    }
    await trx
      .updateTable('boards')
      .set({ silent: false, updatedAt: now })
      .where('id', '=', boardId)
      .execute();
    await trx
      .updateTable('boardNotes')
      .set({ private: false })
      .where('boardId', '=', boardId)
      .where('private', '=', true)
      .execute();
    return version;
  });
}

async function requireInBoard(
  trx: Kysely<DB>,
  table: 'boardCategories' | 'boardClusters',
  boardId: string,
  id: string | null | undefined,
  field: string,
) {
  if (!id) return;
  const row = await trx
    .selectFrom(table)
    .select('id')
    .where('id', '=', id)
    .where('boardId', '=', boardId)
    .executeTakeFirst();
  if (!row)
    throw invalid(
      field,
      field === 'categoryId' ? 'no such category on this board' : 'no such cluster on this board',
    );
}

export async function createNote(db: Kysely<DB>, boardId: string, authorId: string, input: NoteCreateInput) {
  const id = randomUUID();
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const board = await lockBoard(trx, boardId);
    requireUnlocked(board);
    await requireInBoard(trx, 'boardCategories', boardId, input.categoryId, 'categoryId');
    await requireInBoard(trx, 'boardClusters', boardId, input.clusterId, 'clusterId');
    // New post-its go below the others (ordering in a column follows y).
    const last = await trx
      .selectFrom('boardNotes')
      .select((e) => e.fn.max('y').as('y'))
      .where('boardId', '=', boardId)
      .executeTakeFirst();
    await trx
      .insertInto('boardNotes')
      .values({
        id,
        boardId,
        authorId,
        text: input.text,
        categoryId: input.categoryId ?? null,
        clusterId: input.clusterId ?? null,
        x: input.x ?? 0,
        y: input.y ?? Number(last?.y ?? 0) + 1024,
        wallX: input.wallX ?? null,
        wallY: input.wallY ?? null,
        size: input.size ?? 'M',
        hidden: false,
        private: toBool(board.silent),
        actionId: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const note = await noteNow(trx, id);
    // Only a private post-it changes the board's count of them; the others' events leave it out.
    const privateNotes = toBool(note.private) ? await countPrivateNotes(trx, boardId) : undefined;
    return { id, publication: noteChanged('board.note.created', board, note, privateNotes) };
  });
}

export async function patchNote(
  db: Kysely<DB>,
  note: { id: string; boardId: string },
  patch: NotePatch,
  mayBypassLock: boolean,
): Promise<BoardPublication> {
  return db.transaction().execute(async (trx) => {
    const board = await lockBoard(trx, note.boardId);
    if (!mayBypassLock) requireUnlocked(board);
    await requireInBoard(trx, 'boardCategories', note.boardId, patch.categoryId, 'categoryId');
    await requireInBoard(trx, 'boardClusters', note.boardId, patch.clusterId, 'clusterId');
    const before = await noteNow(trx, note.id);
    await trx
      .updateTable('boardNotes')
      .set({ ...patch, updatedAt: new Date().toISOString() })
      .where('id', '=', note.id)
      .execute();
    const respaced = patch.y !== undefined && (await respaceOnTie(trx, note.boardId, note.id, patch.y));
    // Hidden or shown again (who sees it changes, and voters' budgets), or others moved: read again.
    if (respaced || (patch.hidden !== undefined && patch.hidden !== toBool(before.hidden))) {
      return boardChanged(board);
    }
    return noteChanged('board.note.updated', board, await noteNow(trx, note.id));
  });
}

const Y_STEP = 1024;

/**
 * A move puts a post-it at a `y` between its new neighbours; once repeated moves have used up the
 * room between two of them, the `y` sent equals the one before. Then the board is spaced out
 * again (the moved post-it just after those it ties with), so the next move has room again.
 */
async function respaceOnTie(trx: Kysely<DB>, boardId: string, movedId: string, y: number) {
  const tie = await trx
    .selectFrom('boardNotes')
    .select('id')
    .where('boardId', '=', boardId)
    .where('y', '=', y)
    .where('id', '!=', movedId)
    .limit(1)
    .executeTakeFirst();
  if (!tie) return false;
  const rows = await trx
    .selectFrom('boardNotes')
    .select(['id', 'y'])
    .where('boardId', '=', boardId)
    .orderBy('y')
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  const order = [...rows].sort((a, b) => a.y - b.y || Number(a.id === movedId) - Number(b.id === movedId));
  for (const [index, row] of order.entries()) {
    const spaced = (index + 1) * Y_STEP;
    if (row.y !== spaced) {
      await trx.updateTable('boardNotes').set({ y: spaced }).where('id', '=', row.id).execute();
    }
  }
  return true;
}

export async function deleteNote(
  db: Kysely<DB>,
  note: { id: string; boardId: string },
  mayBypassLock: boolean,
): Promise<BoardPublication> {
  return db.transaction().execute(async (trx) => {
    const board = await lockBoard(trx, note.boardId);
    if (!mayBypassLock) requireUnlocked(board);
    const before = await noteNow(trx, note.id);
    await trx.deleteFrom('boardDots').where('noteId', '=', note.id).execute();
    await trx.deleteFrom('boardNotes').where('id', '=', note.id).execute();
    return noteDeleted(board, before, await countPrivateNotes(trx, board.id));
  });
}

/**
 * Sets the viewer's dots on one post-it. The board row is locked first, so the sum of their dots
 * is read and written by one request at a time: concurrent requests cannot overspend the budget.
 */
export async function putMyDots(
  db: Kysely<DB>,
  seen: { id: string; boardId: string },
  userId: string,
  count: number,
  now = Date.now(),
) {
  return db.transaction().execute(async (trx) => {
    const board = await lockBoard(trx, seen.boardId);
    // Read again under the lock: the post-it may have been deleted or hidden meanwhile.
    const note = await trx
      .selectFrom('boardNotes')
      .select(['id', 'boardId', 'hidden', 'private'])
      .where('id', '=', seen.id)
      .executeTakeFirst();
    if (!note) throw notFound('Post-it');
    const locked = toBool(board.locked);
    const closesAt = board.votingClosesAt === null ? null : toIso(board.votingClosesAt);
    if (!isVotingOpen({ locked, votingClosesAt: closesAt }, now)) {
      throw new AppError('CONFLICT', locked ? 'The board is locked' : 'Dot voting has closed');
    }
    const mine = await trx
      .selectFrom('boardDots as d')
      .innerJoin('boardNotes as n', 'n.id', 'd.noteId')
      .select(['d.noteId', 'd.count', 'n.hidden'])
      .where('d.boardId', '=', note.boardId)
      .where('d.userId', '=', userId)
      .execute();
    const current = mine.find((row) => row.noteId === note.id)?.count ?? 0;
    // Dots on a post-it a facilitator hid do not count: its voters can no longer reach it.
    const usedElsewhere = mine.reduce(
      (sum, row) => (row.noteId === note.id || toBool(row.hidden) ? sum : sum + row.count),
      0,
    );
    if (count > current && toBool(note.hidden)) throw new AppError('CONFLICT', 'This post-it is hidden');
    // Dots go on what everyone sees: not on one's own post-it still private in a silent brainstorm.
    if (count > current && toBool(note.private))
      throw new AppError('CONFLICT', 'This post-it is not revealed yet');
    const problem = dotsProblem({
      count,
      current,
      usedElsewhere,
      dotsPerParticipant: board.dotsPerParticipant,
      maxDotsPerNote: board.maxDotsPerNote,
    });
    if (problem === 'over-note-max') {
      throw new AppError('INVALID_INPUT', 'More dots than one post-it may receive', [
        { path: ['body', 'count'], message: 'over the per-post-it maximum' },
      ]);
    }
    if (problem === 'over-budget') {
      throw new AppError('CONFLICT', 'Not enough dots left', {
        left: board.dotsPerParticipant - usedElsewhere - current,
      });
    }
    await trx.deleteFrom('boardDots').where('noteId', '=', note.id).where('userId', '=', userId).execute();
    if (count > 0) {
      await trx
        .insertInto('boardDots')
        .values({ noteId: note.id, userId, boardId: note.boardId, count })
        .execute();
    }
    const result = {
      noteId: note.id,
      myDots: count,
      myDotsUsed: usedElsewhere + (toBool(note.hidden) ? 0 : count),
    };
    const publication = dotsChanged(board, await noteNow(trx, note.id), {
      id: userId,
      myDots: result.myDots,
      myDotsUsed: result.myDotsUsed,
    });
    return { result, publication };
  });
}

/** Makes a post-it a next step with owners and a due date, linked back to the post-it. */
export async function noteToAction(
  db: Kysely<DB>,
  scope: { circleId: string; sessionId: string | null; boardId: string; noteId: string },
  creatorId: string,
  input: { title?: string | undefined; ownerIds?: string[] | undefined; dueOn?: string | undefined },
  mayBypassLock: boolean,
) {
  return db.transaction().execute(async (trx) => {
    const board = await lockBoard(trx, scope.boardId);
    if (!mayBypassLock) requireUnlocked(board);
    const note = await trx
      .selectFrom('boardNotes')
      .select(['text', 'actionId', 'hidden'])
      .where('id', '=', scope.noteId)
      .executeTakeFirst();
    if (!note) throw notFound('Post-it');
    // The action would show a hidden post-it's text to the whole circle.
    if (toBool(note.hidden)) throw new AppError('CONFLICT', 'This post-it is hidden');
    if (note.actionId)
      throw new AppError('CONFLICT', 'This post-it is already an action', { actionId: note.actionId });
    // Cut by characters (code points, as the limits count), never inside a surrogate pair.
    const chars = [...note.text];
    const title = input.title ?? (chars.length > 500 ? `${chars.slice(0, 499).join('')}…` : note.text);
    const actionId = await insertActionIn(
      trx,
      { circleId: scope.circleId, sessionId: scope.sessionId },
      creatorId,
      { title: title.replace(/\s+/g, ' ').trim(), ownerIds: input.ownerIds, dueOn: input.dueOn },
    );
    await trx.updateTable('boardNotes').set({ actionId }).where('id', '=', scope.noteId).execute();
    return {
      actionId,
      publication: noteChanged('board.note.updated', board, await noteNow(trx, scope.noteId)),
    };
  });
}

export async function createCluster(
  db: Kysely<DB>,
  boardId: string,
  input: { title: string; noteIds?: string[] | undefined },
  mayBypassLock: boolean,
) {
  const id = randomUUID();
  return db.transaction().execute(async (trx) => {
    const board = await lockBoard(trx, boardId);
    if (!mayBypassLock) requireUnlocked(board);
    await trx
      .insertInto('boardClusters')
      .values({ id, boardId, title: input.title, createdAt: new Date().toISOString() })
      .execute();
    if (input.noteIds?.length) {
      // Only post-its of this board that everyone sees can be grouped by anyone.
      await trx
        .updateTable('boardNotes')
        .set({ clusterId: id })
        .where('boardId', '=', boardId)
        .where('id', 'in', input.noteIds)
        .where('private', '=', false)
        .execute();
    }
    return { id, publication: boardChanged(board) };
  });
}

export async function getCluster(db: Kysely<DB>, clusterId: string) {
  const cluster = await db
    .selectFrom('boardClusters')
    .selectAll()
    .where('id', '=', clusterId)
    .executeTakeFirst();
  if (!cluster) throw notFound('Cluster');
  return cluster;
}

export async function renameCluster(
  db: Kysely<DB>,
  cluster: { id: string; boardId: string },
  title: string,
  mayBypassLock: boolean,
) {
  return db.transaction().execute(async (trx) => {
    const board = await lockBoard(trx, cluster.boardId);
    if (!mayBypassLock) requireUnlocked(board);
    await trx.updateTable('boardClusters').set({ title }).where('id', '=', cluster.id).execute();
    return boardChanged(board);
  });
}

export async function deleteCluster(
  db: Kysely<DB>,
  cluster: { id: string; boardId: string },
  mayBypassLock: boolean,
) {
  return db.transaction().execute(async (trx) => {
    const board = await lockBoard(trx, cluster.boardId);
    if (!mayBypassLock) requireUnlocked(board);
    await trx
      .updateTable('boardNotes')
      .set({ clusterId: null })
      .where('clusterId', '=', cluster.id)
      .execute();
    await trx.deleteFrom('boardClusters').where('id', '=', cluster.id).execute();
    return boardChanged(board);
  });
}
