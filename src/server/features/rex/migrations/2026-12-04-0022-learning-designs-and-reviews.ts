import type { Kysely, Migration } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/** The community's library of learning designs, and the circles a REX session reviews. */
export function learningDesignsAndReviewsTables(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('learning_designs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('community_id', 'text', (c) =>
          c.notNull().references('communities.id').onDelete('cascade'),
        )
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('objectives', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('audience', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('sequences', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('learning_designs_community_idx')
        .on('learning_designs')
        .columns(['community_id', 'title', 'id'])
        .execute();

      await db.schema
        .createTable('session_reviewed_circles')
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('period_from', 'text')
        .addColumn('period_to', 'text')
        .addPrimaryKeyConstraint('session_reviewed_circles_pk', ['session_id', 'circle_id'])
        .execute();
      await db.schema
        .createIndex('session_reviewed_circles_circle_idx')
        .on('session_reviewed_circles')
        .column('circle_id')
        .execute();
    },
  };
}
