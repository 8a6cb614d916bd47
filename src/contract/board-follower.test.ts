import { describe, expect, it, vi } from 'vitest';
import type { Board, BoardNote } from './board.ts';
import { applyBoardEvent, BoardFollower } from './board-follower.ts';
import type { LiveEvent } from './live.ts';

const note = (id: string, y: number, extra: Partial<BoardNote> = {}): BoardNote => ({
  id,
  text: id,
  categoryId: null,
  clusterId: null,
  x: 0,
  y,
  wallX: null,
  wallY: null,
  size: 'M',
  isMine: false,
  author: null,
  hidden: false,
  private: false,
  dots: 0,
  myDots: 0,
  actionId: null,
  createdAt: '2026-12-04T10:00:00.000Z',
  ...extra,
});

const board = (extra: Partial<Board> = {}): Board =>
  ({
    id: 'b',
    notes: [note('a', 1024, { myDots: 2, dots: 2 })],
    privateNoteCount: 0,
    myDotsUsed: 2,
    version: 4,
    ...extra,
  }) as Board;

const created = (version: number, id: string, y: number): LiveEvent => {
  const { myDots: _mine, ...shown } = note(id, y);
  return { type: 'board.note.created', boardId: 'b', version, noteId: id, note: shown, privateNotes: 1 };
};

describe('applying board events', () => {
  it('inserts in the board’s order, keeps the follower’s own dots and counts others’ private post-its', () => {
    const next = applyBoardEvent(board(), created(5, 'z', 10));
    expect(next).not.toBe('refetch');
    const patched = next as Board;
    expect(patched.notes.map((n) => n.id)).toEqual(['z', 'a']);
    expect(patched.version).toBe(5);
    expect(patched.privateNoteCount).toBe(1);
    const { myDots: _mine, ...moved } = note('a', 5000, { text: 'changed' });
    const again = applyBoardEvent(patched, {
      type: 'board.note.updated',
      boardId: 'b',
      version: 6,
      noteId: 'a',
      note: moved,
    }) as Board;
    expect(again.notes.map((n) => [n.id, n.text, n.myDots])).toEqual([
      ['z', 'z', 0],
      ['a', 'changed', 2],
    ]);
  });

  it('ignores an event it already has, asks for a read on a gap, on another board changes nothing', () => {
    const current = board();
    expect(applyBoardEvent(current, created(4, 'z', 10))).toBe(current);
    expect(applyBoardEvent(current, created(6, 'z', 10))).toBe('refetch');
    expect(applyBoardEvent(current, { type: 'board.updated', boardId: 'b', version: 5 })).toBe('refetch');
    expect(applyBoardEvent(current, { ...created(5, 'z', 10), boardId: 'other' } as LiveEvent)).toBe(current);
  });

  it('gives back the dots of a deleted post-it and sets totals and own dots from dot events', () => {
    const deleted = applyBoardEvent(board(), {
      type: 'board.note.deleted',
      boardId: 'b',
      version: 5,
      noteId: 'a',
    }) as Board;
    expect([deleted.notes, deleted.myDotsUsed]).toEqual([[], 0]);
    const voted = applyBoardEvent(board(), {
      type: 'board.dots.updated',
      boardId: 'b',
      version: 5,
      noteId: 'a',
      dots: 7,
      mine: { myDots: 3, myDotsUsed: 3 },
    }) as Board;
    expect([voted.notes[0]?.dots, voted.notes[0]?.myDots, voted.myDotsUsed]).toEqual([7, 3, 3]);
  });
});

describe('a board follower', () => {
  it('keeps the events that arrive during a read and applies them on top of it', async () => {
    let copy: Board | undefined;
    const refetch = vi.fn();
    const set = (next: Board) => {
      copy = next;
    };
    const follower = new BoardFollower({ get: () => copy, set, refetch }, 0);
    let answer: (value: Board) => void = () => {};
    const reading = follower.load(
      () =>
        new Promise<Board>((resolve) => {
          answer = resolve;
        }),
    );
    follower.onEvent(created(4, 'old', 1));
    follower.onEvent(created(5, 'z', 10));
    answer(board());
    copy = await reading;
    expect(copy.notes.map((n) => n.id)).toEqual(['z', 'a']);
    follower.onEvent(created(7, 'y', 20));
    await vi.waitFor(() => expect(refetch).toHaveBeenCalledTimes(1));
    follower.stop();
  });
});
