import type { Kysely } from 'kysely';
import type { BoardNoteEvent, LiveEvent } from '../../../contract/live.ts';
import { toBool } from '../../db/columns.ts';
import type { BoardRow, DB } from '../../db/schema.ts';
import type { LiveVariant } from '../../live/live-hub.ts';
import { dotsShown, noteView } from './boards.queries.ts';

export const boardTopic = (boardId: string) => `board:${boardId}`;

/**
 * A board write's live event: the common one, and the variants for those who see more of it (its
 * author, the board's stewards, the voter). Built inside the write's transaction, under the board's
 * lock, so `version` and every count in it follow the order of the writes (decision 043).
 */
export interface BoardPublication {
  event: LiveEvent;
  variants: LiveVariant[];
}

type NoteRow = Awaited<ReturnType<typeof readNote>> & {};

/** The post-it as stored now, with its author's name and everyone's dots on it. */
export async function readNote(trx: Kysely<DB>, noteId: string) {
  const row = await trx
    .selectFrom('boardNotes as n')
    .leftJoin('users as u', 'u.id', 'n.authorId')
    .selectAll('n')
    .select('u.name as authorName')
    .where('n.id', '=', noteId)
    .executeTakeFirst();
  if (!row) return undefined;
  const total = await trx
    .selectFrom('boardDots')
    .select((e) => e.fn.sum<number>('count').as('total'))
    .where('noteId', '=', noteId)
    .executeTakeFirst();
  return { ...row, dotsTotal: Number(total?.total ?? 0) };
}

/** Everyone's private post-its on the board (each follower's count is this less their own). */
export async function countPrivateNotes(trx: Kysely<DB>, boardId: string): Promise<number> {
  const row = await trx
    .selectFrom('boardNotes')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('boardId', '=', boardId)
    .where('private', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Who sees a post-it: everyone once it is neither private nor hidden; its author always; the
 * board's stewards a hidden one (never someone else's private one).
 */
function audiences(note: NoteRow) {
  const isPrivate = toBool(note.private);
  const hidden = toBool(note.hidden);
  return { everyone: !isPrivate && !hidden, stewards: hidden && !isPrivate, author: note.authorId };
}

/** A post-it created or changed: shown to those who see it, a count or nothing to the others. */
export function noteChanged(
  type: 'board.note.created' | 'board.note.updated',
  board: BoardRow,
  note: NoteRow,
  privateNotes?: number,
): BoardPublication {
  const who = audiences(note);
  const dots = dotsShown(board) ? note.dotsTotal : null;
  const base = {
    boardId: board.id,
    version: board.version,
    ...(privateNotes !== undefined && { privateNotes }),
  };
  const shown = (isMine: boolean): BoardNoteEvent => ({
    ...base,
    noteId: note.id,
    note: noteView(note, board, isMine, dots),
  });
  const variants: LiveVariant[] = [];
  if (who.author) variants.push({ to: { person: who.author }, event: { type, ...shown(true) } });
  if (who.stewards) variants.push({ to: 'stewards', event: { type, ...shown(false) } });
  const event: LiveEvent = who.everyone ? { type, ...shown(false) } : { type, ...base, noteId: null };
  return { event, variants };
}

/** A post-it deleted (`note` as it was): its id to those who saw it. */
export function noteDeleted(board: BoardRow, note: NoteRow, privateNotes: number): BoardPublication {
  const who = audiences(note);
  const base = {
    type: 'board.note.deleted',
    boardId: board.id,
    version: board.version,
    privateNotes,
  } as const;
  const variants: LiveVariant[] = [];
  if (who.author) variants.push({ to: { person: who.author }, event: { ...base, noteId: note.id } });
  if (who.stewards) variants.push({ to: 'stewards', event: { ...base, noteId: note.id } });
  return { event: { ...base, noteId: who.everyone ? note.id : null }, variants };
}

/**
 * Someone's dots on a post-it changed: the new total to those who see the post-it and the totals;
 * to the voter, also their own dots (for their other tabs). Who voted is never said.
 */
export function dotsChanged(
  board: BoardRow,
  note: NoteRow,
  voter: { id: string; myDots: number; myDotsUsed: number },
): BoardPublication {
  const who = audiences(note);
  const shown = dotsShown(board);
  const base = { type: 'board.dots.updated', boardId: board.id, version: board.version } as const;
  const total = { ...base, noteId: note.id, dots: shown ? note.dotsTotal : null };
  const variants: LiveVariant[] = [
    {
      to: { person: voter.id },
      event: { ...total, mine: { myDots: voter.myDots, myDotsUsed: voter.myDotsUsed } },
    },
  ];
  if (shown && who.author && who.author !== voter.id)
    variants.push({ to: { person: who.author }, event: total });
  if (shown && who.stewards) variants.push({ to: 'stewards', event: total });
  return { event: shown && who.everyone ? total : { ...base, noteId: null }, variants };
}

/** Much changed at once (settings, legend, clusters, a reveal, a post-it hidden or shown): read again. */
export function boardChanged(board: BoardRow): BoardPublication {
  return { event: { type: 'board.updated', boardId: board.id, version: board.version }, variants: [] };
}
