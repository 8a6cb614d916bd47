import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Territories of communities, circles, events and profiles. The codes themselves are not stored:
 * they come bundled with the code (domain/territories.ts) and the edge refuses unknown ones.
 */
export function territoryTables(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('territory_links')
        .addColumn('subject_kind', 'text', (c) =>
          c.notNull().check(sql`subject_kind in ('community', 'circle', 'event', 'user')`),
        )
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('territory_links_pk', ['subject_kind', 'subject_id', 'code'])
        .execute();
      // The map and search ask "what is in this territory": by code, then by kind.
      await db.schema
        .createIndex('territory_links_code_idx')
        .on('territory_links')
        .columns(['code', 'subject_kind'])
        .execute();
    },
  };
}
