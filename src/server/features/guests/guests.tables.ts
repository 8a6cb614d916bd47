import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date | string, string, string>;

export interface GuestCodesTable {
  id: string;
  sessionId: string;
  /** The code itself: a time-limited bearer secret its facilitators show again (decision 051). */
  code: string;
  createdBy: string | null;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  revokedAt: ColumnType<Date | string | null, string | null | undefined, string | null>;
}

export interface GuestsTable {
  userId: string;
  codeId: string;
  sessionId: string;
  /** SHA-256 of the guest browser's cookie secret. */
  tokenHash: string;
  createdAt: Timestamp;
}

declare module '../../db/schema.ts' {
  interface DB {
    guestCodes: GuestCodesTable;
    guests: GuestsTable;
  }
}
