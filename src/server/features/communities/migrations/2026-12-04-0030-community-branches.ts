import type { Kysely, Migration } from 'kysely';

/**
 * Spreading (essaimage): a community may be a territorial branch of another (decision 035). The
 * column is nullable (most communities stand alone); a parent that disappears leaves its branches
 * standing on their own rather than taking their members and circles with it.
 */
export function communityBranches(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('communities')
        .addColumn('parent_id', 'text', (c) => c.references('communities.id').onDelete('set null'))
        .execute();
      await db.schema.createIndex('communities_parent_idx').on('communities').column('parent_id').execute();
    },
  };
}
