import { type Kysely, type Selectable, sql } from 'kysely';
import type { Board, BoardNote, BoardSummary, BoardZone } from '../../../contract/board.ts';
import { isVotingOpen } from '../../../domain/board.ts';
import { toBool, toIso } from '../../db/columns.ts';
import { type Keyset, type PageRequest, pageQuery, toPage } from '../../db/keyset.ts';
import { preparedQuery } from '../../db/prepared-query.ts';
import type { BoardNotesTable, BoardRow, DB } from '../../db/schema.ts';
import type { BoardAccess } from './board-access.ts';

function toBoardBase(row: BoardRow) {
  return {
    id: row.id,
    circleId: row.circleId,
    sessionId: row.sessionId,
    agendaItemId: row.agendaItemId,
    title: row.title,
    anonymous: toBool(row.anonymous),
    silent: toBool(row.silent),
    locked: toBool(row.locked),
    hideDots: toBool(row.hideDots),
    dotsRevealed: toBool(row.dotsRevealed),
    dotsPerParticipant: row.dotsPerParticipant,
    maxDotsPerNote: row.maxDotsPerNote,
    votingClosesAt: row.votingClosesAt === null ? null : toIso(row.votingClosesAt),
    createdAt: toIso(row.createdAt),
  };
}

const boardOrder: Keyset<BoardRow> = {
  list: 'boards',
  keys: [{ expr: 'b.createdAt', kind: 'time', direction: 'desc' }],
  id: 'b.id',
  of: (row) => ({ keys: [row.createdAt], id: row.id }),
};

/** The boards of a circle, newest first, with how many post-its everyone can see on each. */
export async function listCircleBoards(
  db: Kysely<DB>,
  circleId: string,
  page: PageRequest,
): Promise<{ items: BoardSummary[]; nextCursor: string | null }> {
  const query = db
    .selectFrom('boards as b')
    .selectAll('b')
    .select((eb) =>
      eb
        .selectFrom('boardNotes as n')
        .whereRef('n.boardId', '=', 'b.id')
        .where('n.private', '=', false)
        .where('n.hidden', '=', false)
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('noteCount'),
    )
    .where('b.circleId', '=', circleId);
  const rows = await pageQuery(query, boardOrder, page).execute();
  const { items, nextCursor } = toPage(rows, boardOrder, page);
  return {
    items: items.map((row) => ({ ...toBoardBase(row), noteCount: Number(row.noteCount ?? 0) })),
    nextCursor,
  };
}

/** Whether everyone sees the dot totals (not hidden, or revealed). */
export function dotsShown(board: Pick<BoardRow, 'hideDots' | 'dotsRevealed'>): boolean {
  return !toBool(board.hideDots) || toBool(board.dotsRevealed);
}

/**
 * A post-it as a viewer sees it, but for their own dots: the one shape of the board's reads and of
 * its live events. `dots` is everyone's total, or null while totals are hidden.
 */
export function noteView(
  row: Selectable<BoardNotesTable> & { authorName: string | null },
  board: Pick<BoardRow, 'anonymous'>,
  isMine: boolean,
  dots: number | null,
): Omit<BoardNote, 'myDots'> {
  return {
    id: row.id,
    text: row.text,
    categoryId: row.categoryId,
    clusterId: row.clusterId,
    x: row.x,
    y: row.y,
    wallX: row.wallX,
    wallY: row.wallY,
    size: row.size,
    isMine,
    author:
      toBool(board.anonymous) || !row.authorId ? null : { id: row.authorId, name: row.authorName ?? '' },
    hidden: toBool(row.hidden),
    private: toBool(row.private),
    dots,
    actionId: row.actionId,
    createdAt: toIso(row.createdAt),
  };
}

/** Post-its the viewer may see (see visibleNotes), optionally one of them. */
function notesQuery(db: Kysely<DB>, boardId: string, me: string, canSteer: boolean, noteId?: string) {
  return db
    .selectFrom('boardNotes as n')
    .leftJoin('users as u', 'u.id', 'n.authorId')
    .selectAll('n')
    .select('u.name as authorName')
    .where('n.boardId', '=', boardId)
    .$if(noteId !== undefined, (query) => query.where('n.id', '=', noteId ?? ''))
    .where((eb) =>
      eb.and([
        eb.or([eb('n.private', '=', false), eb('n.authorId', '=', me)]),
        canSteer ? eb.lit(true) : eb.or([eb('n.hidden', '=', false), eb('n.authorId', '=', me)]),
      ]),
    )
    .orderBy('n.y')
    .orderBy('n.createdAt')
    .orderBy('n.id');
}

function dotTotalsQuery(db: Kysely<DB>, boardId: string, noteId?: string) {
  return db
    .selectFrom('boardDots')
    .select(['noteId', sql<number>`sum(count)`.as('total')])
    .where('boardId', '=', boardId)
    .$if(noteId !== undefined, (query) => query.where('noteId', '=', noteId ?? ''))
    .groupBy('noteId');
}

function myDotsQuery(db: Kysely<DB>, boardId: string, me: string, noteId?: string) {
  return db
    .selectFrom('boardDots as d')
    .innerJoin('boardNotes as n', 'n.id', 'd.noteId')
    .select(['d.noteId', 'd.count', 'n.hidden'])
    .where('d.boardId', '=', boardId)
    .$if(noteId !== undefined, (query) => query.where('d.noteId', '=', noteId ?? ''))
    .where('d.userId', '=', me);
}

/** One post-it's rows, prepared once (db/prepared-query.ts): every post-it write answers with them. */
const oneNote = {
  forSteward: preparedQuery((db: Kysely<DB>, boardId: string, me: string, noteId: string) =>
    notesQuery(db, boardId, me, true, noteId),
  ),
  forMember: preparedQuery((db: Kysely<DB>, boardId: string, me: string, noteId: string) =>
    notesQuery(db, boardId, me, false, noteId),
  ),
  totals: preparedQuery((db: Kysely<DB>, boardId: string, noteId: string) =>
    dotTotalsQuery(db, boardId, noteId),
  ),
  mine: preparedQuery((db: Kysely<DB>, boardId: string, me: string, noteId: string) =>
    myDotsQuery(db, boardId, me, noteId),
  ),
};

/**
 * Post-its as this viewer may see them: the whole board's, or one (`noteId`). Other people's private
 * post-its (silent brainstorm) are left out in SQL; hidden ones reach their author and the
 * facilitators; on an anonymous board no author is named; dot totals stay out while dots are hidden.
 * One post-it costs the same whatever the board's size (its rows only), so answering a write does
 * not read the board.
 */
async function visibleNotes(db: Kysely<DB>, access: BoardAccess, noteId?: string) {
  const { board, viewer } = access;
  const me = viewer.id;
  const [notes, totals, mine] = await (noteId === undefined
    ? Promise.all([
        notesQuery(db, board.id, me, access.canSteer).execute(),
        dotTotalsQuery(db, board.id).execute(),
        myDotsQuery(db, board.id, me).execute(),
      ])
    : Promise.all([
        oneNote[access.canSteer ? 'forSteward' : 'forMember'](db, board.id, me, noteId),
        oneNote.totals(db, board.id, noteId),
        oneNote.mine(db, board.id, me, noteId),
      ]));
  const showDots = dotsShown(board);
  const totalOf = new Map(totals.map((row) => [row.noteId, Number(row.total)]));
  const myDotsOf = new Map(mine.map((row) => [row.noteId, row.count]));
  const toNote = (row: (typeof notes)[number]): BoardNote => ({
    ...noteView(row, board, row.authorId === me, showDots ? (totalOf.get(row.id) ?? 0) : null),
    myDots: myDotsOf.get(row.id) ?? 0,
  });
  return { notes: notes.map(toNote), mine };
}

/** One post-it as this viewer may see it on the board of `access`; undefined when they may not. */
export async function findVisibleNote(
  db: Kysely<DB>,
  access: BoardAccess,
  noteId: string,
): Promise<BoardNote | undefined> {
  return (await visibleNotes(db, access, noteId)).notes[0];
}

/** The wall's zones, in the order they were drawn (the last on top). */
export function listZones(db: Kysely<DB>, boardId: string): Promise<BoardZone[]> {
  return db
    .selectFrom('boardZones')
    .select(['id', 'title', 'color', 'x', 'y', 'width', 'height'])
    .where('boardId', '=', boardId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

/** The board as this viewer may see it (see visibleNotes for the post-its' rules). */
export async function loadBoard(db: Kysely<DB>, access: BoardAccess, now = Date.now()): Promise<Board> {
  const { board, viewer } = access;
  const me = viewer.id;
  const [categories, clusters, zones, { notes, mine }, privateCount] = await Promise.all([
    db
      .selectFrom('boardCategories')
      .select(['id', 'name', 'color', 'meaning'])
      .where('boardId', '=', board.id)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('boardClusters')
      .select(['id', 'title'])
      .where('boardId', '=', board.id)
      .orderBy('createdAt')
      .orderBy('id')
      .execute(),
    listZones(db, board.id),
    visibleNotes(db, access),
    db
      .selectFrom('boardNotes')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('boardId', '=', board.id)
      .where('private', '=', true)
      .where((eb) => eb.or([eb('authorId', 'is', null), eb('authorId', '!=', me)]))
      .executeTakeFirstOrThrow(),
  ]);
  const base = toBoardBase(board);
  return {
    ...base,
    categories,
    clusters,
    zones,
    notes,
    privateNoteCount: Number(privateCount.n),
    isVotingOpen: isVotingOpen(base, now),
    // Dots on hidden post-its are out of the budget (the same rule as putMyDots).
    myDotsUsed: mine.reduce((sum, row) => (toBool(row.hidden) ? sum : sum + row.count), 0),
    version: board.version,
    // Post-its are written while the board is unlocked, or by those who steer it.
    abilities: {
      ...access.abilities,
      takePart: access.abilities.takePart && (!base.locked || access.canSteer),
    },
    canSteer: access.canSteer,
  };
}
