import type { ColumnType } from 'kysely';
import type { AgendaLinkKind } from '../../../domain/meeting-links.ts';
import type { Flag, Timestamp } from '../../db/schema.ts';

/** A number stored as bigint: PostgreSQL may hand it back as a string. */
type Milliseconds = ColumnType<number | string, number | undefined, number>;

declare module '../../db/schema.ts' {
  interface SessionsTable {
    /** The current item's countdown (2026-12-05-0055): paused since, earlier pauses, extensions. */
    timerPausedAt: ColumnType<Date | string | null, string | null | undefined, string | null>;
    timerPausedMs: Milliseconds;
    timerExtendedMs: Milliseconds;
  }
  interface DB {
    speakingHands: SpeakingHandsTable;
    agendaItemLinks: AgendaItemLinksTable;
  }
}

export interface SpeakingHandsTable {
  sessionId: string;
  userId: string;
  raisedAt: Timestamp;
  version: number;
  hasFloor: Flag;
}

export interface AgendaItemLinksTable {
  id: string;
  sessionId: string;
  agendaItemId: string;
  kind: AgendaLinkKind;
  targetId: string;
  createdAt: Timestamp;
}
