import type { ColumnType } from 'kysely';

/** Columns of `users` added after the frozen schema, merged into `UsersTable` (db/schema.ts). */
declare module '../../db/schema.ts' {
  interface UsersTable {
    /** Set while an instance admin has disabled the account: it cannot sign in by any means. */
    disabledAt: ColumnType<Date | string | null, string | null | undefined, string | null>;
  }
}

/**
 * SQLite only: the FTS5 trigram index of the accounts' names and addresses (migration 0052), one
 * row per account under the account row's rowid; contentless (its columns read as NULL).
 */
export interface UsersSearchTable {
  name: string | null;
  email: string | null;
}

declare module '../../db/schema.ts' {
  interface DB {
    usersSearch: UsersSearchTable;
  }
}
