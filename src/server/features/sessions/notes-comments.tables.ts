import type { Timestamp } from '../../db/schema.ts';

/** A comment on a passage of a session's shared notes (decision 054). */
export interface SessionNoteCommentsTable {
  id: string;
  sessionId: string;
  authorId: string | null;
  body: string;
  quote: string;
  anchorStart: string;
  anchorEnd: string;
  createdAt: Timestamp;
  resolvedAt: Timestamp | null;
  resolvedBy: string | null;
}

declare module '../../db/schema.ts' {
  interface DB {
    sessionNoteComments: SessionNoteCommentsTable;
  }
}
