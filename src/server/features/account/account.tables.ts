import type { ColumnType } from 'kysely';

/** A timestamp that new rows leave empty. */
type OptionalTimestamp = ColumnType<Date | string | null, string | null | undefined, string | null>;

declare module '../../db/schema.ts' {
  interface UsersTable {
    /** Set when the account was erased: the row stays, anonymised, as "Ancien·ne membre". */
    deletedAt: OptionalTimestamp;
    /** The last day the person signed in or used a session (written at most once a day). */
    lastActiveAt: OptionalTimestamp;
    /** When the inactive-account warning was queued; cleared when the person comes back. */
    inactiveWarnedAt: OptionalTimestamp;
  }
}
