import type { ColumnType } from 'kysely';

/** Columns of `users` added after the frozen schema, merged into `UsersTable` (db/schema.ts). */
declare module '../../db/schema.ts' {
  interface UsersTable {
    /** Set while an instance admin has disabled the account: it cannot sign in by any means. */
    disabledAt: ColumnType<Date | string | null, string | null | undefined, string | null>;
  }
}
