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

  it('patches a move on the wall in place: the same index, the other post-its untouched', () => {
    const start = board({
      notes: [note('a', 1024, { myDots: 2, dots: 2 }), note('b', 2048), note('c', 3072)],
      zones: [],
    });
    const { myDots: _mine, ...moved } = note('b', 2048, { wallX: 400, wallY: -80, size: 'L' });
    const next = applyBoardEvent(start, {
      type: 'board.note.updated',
      boardId: 'b',
      version: 5,
      noteId: 'b',
      note: moved,
    }) as Board;
    expect(next.notes.map((n) => [n.id, n.wallX, n.wallY, n.size])).toEqual([
      ['a', null, null, 'M'],
      ['b', 400, -80, 'L'],
      ['c', null, null, 'M'],
    ]);
    expect(next.notes[0]).toBe(start.notes[0]);
    expect(next.notes[2]).toBe(start.notes[2]);
    expect(start.notes[1]?.wallX).toBe(null);
  });

  it('adds, replaces and removes zones by their id, in the order they were drawn', () => {
    const zone = (id: string, x: number) => ({
      id,
      title: id,
      color: null,
      x,
      y: 0,
      width: 300,
      height: 200,
    });
    let copy = board({ zones: [zone('z1', 0)] });
    copy = applyBoardEvent(copy, {
      type: 'board.zone.created',
      boardId: 'b',
      version: 5,
      zone: zone('z2', 400),
    }) as Board;
    copy = applyBoardEvent(copy, {
      type: 'board.zone.updated',
      boardId: 'b',
      version: 6,
      zone: { ...zone('z1', 50), title: 'Renamed' },
    }) as Board;
    expect(copy.zones.map((z) => [z.id, z.title, z.x])).toEqual([
      ['z1', 'Renamed', 50],
      ['z2', 'z2', 400],
    ]);
    copy = applyBoardEvent(copy, {
      type: 'board.zone.deleted',
      boardId: 'b',
      version: 7,
      zoneId: 'z1',
    }) as Board;
    expect([copy.zones.map((z) => z.id), copy.version]).toEqual([['z2'], 7]);
    // A zone it does not know of cannot be patched: read the board again.
    expect(
      applyBoardEvent(copy, { type: 'board.zone.updated', boardId: 'b', version: 8, zone: zone('zz', 0) }),
    ).toBe('refetch');
    // A gap in zone events too.
    expect(
      applyBoardEvent(copy, { type: 'board.zone.created', boardId: 'b', version: 9, zone: zone('z3', 0) }),
    ).toBe('refetch');
  });

  it('leaves the board as it is on a facilitator’s focus (it moves views, not the board)', () => {
    const current = board({ zones: [] });
    expect(
      applyBoardEvent(current, { type: 'board.focus', boardId: 'b', zoneId: 'z1', by: 'Fanny', byId: 'u1' }),
    ).toBe(current);
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
