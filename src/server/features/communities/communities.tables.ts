/**
 * The communities feature's columns added after the frozen schema: merged into `CommunitiesTable`
 * (db/schema.ts) by interface merging, as features add their own tables.
 */
declare module '../../db/schema.ts' {
  interface CommunitiesTable {
    /** The community this one is a territorial branch of (one level only: decision 035). */
    parentId: string | null;
  }
}

export {};
