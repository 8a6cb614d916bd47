import type { Board, BoardNote } from './board.ts';
import type { LiveEvent } from './live.ts';

/** What an event does to a follower's copy of the board. */
export type BoardEventOutcome = Board | 'refetch';

/** The board's own order of post-its (as the server reads them: by y, then creation, then id). */
function byPlace(a: BoardNote, b: BoardNote): number {
  return a.y - b.y || a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A copy of `notes` (in the board's order) with `note` at its place: a room adds hundreds. */
function placed(notes: readonly BoardNote[], note: BoardNote): BoardNote[] {
  let low = 0;
  let high = notes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (byPlace(notes[middle] as BoardNote, note) <= 0) low = middle + 1;
    else high = middle;
  }
  return [...notes.slice(0, low), note, ...notes.slice(low)];
}

/** Others' private post-its: the board's count less the follower's own, which they see. */
function othersPrivate(notes: readonly BoardNote[], privateNotes: number): number {
  return privateNotes - notes.filter((note) => note.isMine && note.private).length;
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
  const version = 'version' in event ? event.version : undefined;
  if (version !== undefined && version <= board.version) return board;
  if (version === undefined || version !== board.version + 1) return 'refetch';
  switch (event.type) {
    case 'board.note.created':
    case 'board.note.updated': {
      let notes = board.notes;
      if (event.note) {
        const known = notes.find((note) => note.id === event.note?.id);
        notes = placed(known ? notes.filter((other) => other !== known) : notes, {
          ...event.note,
          myDots: known?.myDots ?? 0,
        });
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
      const notes =
        noteId === null
          ? board.notes
          : board.notes.map((note) =>
              note.id === noteId
                ? { ...note, ...(dots !== undefined && { dots }), ...(mine && { myDots: mine.myDots }) }
                : note,
            );
      return { ...board, version, notes, myDotsUsed: mine ? mine.myDotsUsed : board.myDotsUsed };
    }
    default:
      return 'refetch';
  }
}

/** Where a follower keeps its copy, and how it reads the board again. */
export interface BoardStore {
  get(): Board | undefined;
  set(board: Board): void;
  /** Reads the board again; the result goes through `settle` (the web client: react-query). */
  refetch(): void;
}

/** Events closer together than this lead to one read of the board, when a read is needed. */
export const REFETCH_COALESCE_MS = 150;
/** Events kept while a read is under way; beyond this, the next read is simply trusted. */
const MAX_BUFFERED = 1000;

/**
 * Keeps one follower's copy of a board in step with its live events: each event patches the copy;
 * a read happens only at the start (after the subscription holds), on a resync, or when an event
 * asks for it (a gap, a change of settings), coalesced. Events that arrive during a read are kept
 * and applied on top of what the read returns (the older ones change nothing).
 */
export class BoardFollower {
  readonly #store: BoardStore;
  readonly #coalesceMs: number;
  #buffer: LiveEvent[] = [];
  #reading = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(store: BoardStore, coalesceMs = REFETCH_COALESCE_MS) {
    this.#store = store;
    this.#coalesceMs = coalesceMs;
  }

  /** Wraps a read of the board: what happened meanwhile is applied to its result. */
  async load(read: () => Promise<Board>): Promise<Board> {
    this.#reading += 1;
    try {
      return this.settle(await read());
    } finally {
      this.#reading -= 1;
    }
  }

  /** A board just read: the events kept meanwhile go on top of it. */
  settle(read: Board): Board {
    let board = read;
    const kept = this.#buffer;
    this.#buffer = [];
    for (const event of kept) {
      const next = applyBoardEvent(board, event);
      if (next === 'refetch') {
        // What the next read returns includes every event already received (each was sent after
        // its write committed): the rest of the kept ones are not needed.
        this.#refetchSoon();
        break;
      }
      board = next;
    }
    return board;
  }

  onEvent(event: LiveEvent): void {
    const current = this.#store.get();
    if (this.#reading > 0 || !current) {
      if (this.#buffer.length < MAX_BUFFERED) this.#buffer.push(event);
      else this.#buffer = [];
      return;
    }
    const next = applyBoardEvent(current, event);
    if (next === 'refetch') this.#refetchSoon();
    else if (next !== current) this.#store.set(next);
  }

  /** After a gap the server could not replay, or once a (re)subscription holds: read again. */
  onResync(): void {
    this.#refetchSoon();
  }

  #refetchSoon(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#store.refetch();
    }, this.#coalesceMs);
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
