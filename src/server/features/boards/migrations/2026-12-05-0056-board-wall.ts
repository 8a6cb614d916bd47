import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/**
 * The wall (decision 053): post-its get a place of their own on the canvas (null: laid out by
 * category until first moved) and a size; zones are rectangles with a title, drawn by facilitators.
 */
export function boardWall(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('board_notes').addColumn('wall_x', 'integer').execute();
      await db.schema.alterTable('board_notes').addColumn('wall_y', 'integer').execute();
      await db.schema
        .alterTable('board_notes')
        .addColumn('size', 'text', (c) => c.notNull().defaultTo('M').check(sql`size in ('S', 'M', 'L')`))
        .execute();
      await db.schema
        .createTable('board_zones')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('color', 'text')
        .addColumn('x', 'integer', (c) => c.notNull())
        .addColumn('y', 'integer', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('board_zones_board_idx').on('board_zones').columns(['board_id']).execute();
    },
  };
}
