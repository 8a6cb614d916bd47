import type { Kysely, Migration } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/**
 * An instance admin may archive a community (decision 038): it stays readable by its members, is
 * left out of lists and search for everyone else, and takes no new members, circles or edits.
 */
export function archivedCommunities(dialect: DialectName): Migration {
  const { timestamp } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('communities').addColumn('archived_at', timestamp).execute();
    },
  };
}
