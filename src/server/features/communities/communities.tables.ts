import type { ColumnType } from 'kysely';

/**
 * The communities feature's columns added after the frozen schema: merged into `CommunitiesTable`
 * (db/schema.ts) by interface merging, as features add their own tables.
 */
declare module '../../db/schema.ts' {
  interface CommunitiesTable {
    /** The community this one is a territorial branch of (one level only: decision 035). */
    parentId: string | null;
    /** Set while archived by an instance admin: read-only, out of lists for non-members (038). */
    archivedAt: ColumnType<Date | string | null, string | null | undefined, string | null>;
  }
}
