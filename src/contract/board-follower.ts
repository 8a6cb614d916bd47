import type { Board, BoardNote, BoardZone } from './board.ts';
import type { LiveEvent } from './live.ts';
import { LiveFollower, type LiveStore } from './live-follower.ts';

/** What an event does to a follower's copy of the board. */
export type BoardEventOutcome = Board | 'refetch';

/**
 * Code-unit order, as the server's ORDER BY compares these ISO dates and ids. Not `localeCompare`:
 * the locale's collation took most of a new post-it's 30 µs per copy (decision 058).
 */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The board's own order of post-its (as the server reads them: by y, then creation, then id). */
function byPlace(a: BoardNote, b: BoardNote): number {
  return a.y - b.y || compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id);
}

/** Where `note` goes in `notes` (in the board's order): after every post-it that sorts before it. */
function placeOf(notes: readonly BoardNote[], note: BoardNote): number {
  let low = 0;
  let high = notes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (byPlace(notes[middle] as BoardNote, note) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A copy of `notes` with `note` inserted at `at`: a room adds hundreds, so no sort. */
function insertedAt(notes: readonly BoardNote[], at: number, note: BoardNote): BoardNote[] {
  return notes.slice(0, at).concat([note], notes.slice(at));
}

/** A copy of `notes` with the one at `at` replaced by `note`. */
function replacedAt(notes: readonly BoardNote[], at: number, note: BoardNote): BoardNote[] {
  const copy = notes.slice();
  copy[at] = note;
  return copy;
}

/** The index of the post-it `id` in `notes`, or -1. */
function indexOf(notes: readonly BoardNote[], id: string): number {
  for (let i = 0; i < notes.length; i += 1) if ((notes[i] as BoardNote).id === id) return i;
  return -1;
}

/** The index of the zone `id` in `zones`, or -1. */
function zoneIndex(zones: readonly BoardZone[], id: string): number {
  for (let i = 0; i < zones.length; i += 1) if ((zones[i] as BoardZone).id === id) return i;
  return -1;
}

/** Others' private post-its: the board's count less the follower's own, which they see. */
function othersPrivate(notes: readonly BoardNote[], privateNotes: number): number {
  return privateNotes - notes.filter((note) => note.isMine && note.private).length;
}

/**
 * The post-it an event made from another, remembered per event: followers whose post-it was the
 * same object before get the same object after. A browser keeps one copy and gains nothing; a room
 * simulated in one process (bench/live-load.ts, which shares each parsed event between its
 * participants) then holds each post-it once instead of once per participant, as each device would,
 * where a thousand copies of every post-it made each scan of a board miss the processor's caches
 * (decision 058). Copies are never mutated, so sharing is safe.
 */
const madeByEvent = new WeakMap<object, { from: BoardNote | undefined; to: BoardNote }>();

function madeFrom(event: object, from: BoardNote | undefined, make: () => BoardNote): BoardNote {
  const last = madeByEvent.get(event);
  if (last && last.from === from) return last.to;
  const to = make();
  madeByEvent.set(event, { from, to });
  return to;
}

/**
 * Applies one live event to a copy of the board, as the server would show the board afterwards to
 * this follower (decision 043). Events are applied in the board's `version` order: an older one
 * changes nothing, a gap (one missed) or an event that changes much at once asks for a read of the
 * board. Pure, so the web client and the benchmark's simulated participants share it.
 */
export function applyBoardEvent(board: Board, event: LiveEvent): BoardEventOutcome {
  if (!event.type.startsWith('board.') || !('boardId' in event) || event.boardId !== board.id) return board;
  if (event.type === 'board.deleted') return 'refetch';
  // A facilitator's focus moves views, not the board (the page listens to it itself).
  if (event.type === 'board.focus') return board;
  const version = 'version' in event ? event.version : undefined;
  if (version !== undefined && version <= board.version) return board;
  if (version === undefined || version !== board.version + 1) return 'refetch';
  switch (event.type) {
    case 'board.note.created':
    case 'board.note.updated': {
      let notes = board.notes;
      if (event.note) {
        // A new post-it is not in a copy older than its version; a changed one may have moved.
        const at = event.type === 'board.note.created' ? -1 : indexOf(notes, event.note.id);
        const known = at < 0 ? undefined : notes[at];
        const shown = event.note;
        const note = madeFrom(shown, known, () => ({ ...shown, myDots: known?.myDots ?? 0 }));
        if (known && known.y === note.y) {
          // Same place in the board's order (a move on the wall, a new size, an edit): in place.
          notes = replacedAt(notes, at, note);
        } else {
          const rest = known ? notes.filter((other) => other !== known) : notes;
          notes = insertedAt(rest, placeOf(rest, note), note);
        }
      }
      const privateNoteCount =
        event.privateNotes === undefined ? board.privateNoteCount : othersPrivate(notes, event.privateNotes);
      return { ...board, version, notes, privateNoteCount };
    }
    case 'board.note.deleted': {
      const gone = board.notes.find((note) => note.id === event.noteId);
      const notes = gone ? board.notes.filter((note) => note !== gone) : board.notes;
      return {
        ...board,
        version,
        notes,
        // Dots on a hidden post-it were already out of the budget.
        myDotsUsed: board.myDotsUsed - (gone && !gone.hidden ? gone.myDots : 0),
        privateNoteCount:
          event.privateNotes === undefined
            ? board.privateNoteCount
            : othersPrivate(notes, event.privateNotes),
      };
    }
    case 'board.dots.updated': {
      const { noteId, dots, mine } = event;
      const at = noteId === null ? -1 : indexOf(board.notes, noteId);
      const note = board.notes[at];
      const notes = note
        ? replacedAt(
            board.notes,
            at,
            madeFrom(event, note, () => ({
              ...note,
              ...(dots !== undefined && { dots }),
              ...(mine && { myDots: mine.myDots }),
            })),
          )
        : board.notes;
      return { ...board, version, notes, myDotsUsed: mine ? mine.myDotsUsed : board.myDotsUsed };
    }
    case 'board.zone.created':
      return { ...board, version, zones: [...board.zones, event.zone] };
    case 'board.zone.updated': {
      const at = zoneIndex(board.zones, event.zone.id);
      if (at < 0) return 'refetch';
      const zones = board.zones.slice();
      zones[at] = event.zone;
      return { ...board, version, zones };
    }
    case 'board.zone.deleted': {
      const at = zoneIndex(board.zones, event.zoneId);
      const zones = at < 0 ? board.zones : board.zones.slice();
      if (at >= 0) zones.splice(at, 1);
      return { ...board, version, zones };
    }
    default:
      return 'refetch';
  }
}

/** A board's copy kept in step by its events (decision 043). */
export class BoardFollower extends LiveFollower<Board> {
  constructor(store: LiveStore<Board>, coalesceMs?: number) {
    super(store, applyBoardEvent, coalesceMs);
  }
}
