import type { SessionNoteSnapshotsTable, SessionNoteUpdatesTable, Timestamp } from '../../db/schema.ts';

/** An open space (forum ouvert) of an event. */
export interface OpenSpacesTable {
  id: string;
  eventId: string;
  title: string;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** A room of the marketplace: a column of the grid. */
export interface OpenSpaceRoomsTable {
  id: string;
  openSpaceId: string;
  position: number;
  name: string;
}

/** A time slot of the marketplace: a row of the grid. */
export interface OpenSpaceSlotsTable {
  id: string;
  openSpaceId: string;
  startsAt: Timestamp;
  endsAt: Timestamp;
}

/** A proposed session, placed in one cell: unique (room, slot) decides who got a cell. */
export interface OpenSpaceSessionsTable {
  id: string;
  openSpaceId: string;
  roomId: string;
  slotId: string;
  title: string;
  question: string;
  hostId: string | null;
  notesOpen: boolean | number;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** Where someone is now: one place per time slot, unique (open space, slot, person). */
export interface OpenSpacePresencesTable {
  openSpaceId: string;
  slotId: string;
  userId: string;
  sessionId: string;
  updatedAt: Timestamp;
}

/** A session's shared notes (Yjs), as for circle sessions: a snapshot and the log since. */
export type OpenSpaceNoteSnapshotsTable = SessionNoteSnapshotsTable;
export type OpenSpaceNoteUpdatesTable = SessionNoteUpdatesTable;

declare module '../../db/schema.ts' {
  interface DB {
    openSpaces: OpenSpacesTable;
    openSpaceRooms: OpenSpaceRoomsTable;
    openSpaceSlots: OpenSpaceSlotsTable;
    openSpaceSessions: OpenSpaceSessionsTable;
    openSpacePresences: OpenSpacePresencesTable;
    openSpaceNoteSnapshots: OpenSpaceNoteSnapshotsTable;
    openSpaceNoteUpdates: OpenSpaceNoteUpdatesTable;
  }
}
