import type { ColumnType } from 'kysely';
import type { BoardColor } from '../../../domain/board.ts';
import type { NoteSize } from '../../../domain/board-wall.ts';
import type { Timestamp } from '../../db/schema.ts';

/** A zone of a board's wall: a titled rectangle (migration 2026-12-05-0056). */
export interface BoardZonesTable {
  id: string;
  boardId: string;
  title: string;
  color: BoardColor | null;
  x: number;
  y: number;
  width: number;
  height: number;
  createdAt: Timestamp;
}

declare module '../../db/schema.ts' {
  interface DB {
    boardZones: BoardZonesTable;
  }
  /** A post-it's place on the wall (null until placed) and size (migration 2026-12-05-0056). */
  interface BoardNotesTable {
    wallX: ColumnType<number | null, number | null | undefined, number | null>;
    wallY: ColumnType<number | null, number | null | undefined, number | null>;
    size: ColumnType<NoteSize, NoteSize | undefined, NoteSize>;
  }
}
