import { type Kysely, type Migration, sql } from 'kysely';
import { boardColors, NOTE_TEXT_MAX } from '../../../domain/board.ts';
import { columnTypes } from '../columns.ts';
import type { DialectName } from '../database.ts';

function oneOf(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;
}

/** Boards of post-its with a legend, clusters and dot votes. */
export function boards(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  const no = dialect === 'postgres' ? sql`false` : sql`0`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('boards')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
        .addColumn('session_id', 'text', (c) => c.references('sessions.id').onDelete('set null'))
        // No foreign key: an agenda saved without its item ids gets new ones (replaceAgenda), and
        // the board must outlive that; the session page simply stops linking it.
        .addColumn('agenda_item_id', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('anonymous', t.flag, (c) => c.notNull().defaultTo(no))
        .addColumn('silent', t.flag, (c) => c.notNull().defaultTo(no))
        .addColumn('locked', t.flag, (c) => c.notNull().defaultTo(no))
        .addColumn('hide_dots', t.flag, (c) => c.notNull().defaultTo(no))
        .addColumn('dots_revealed', t.flag, (c) => c.notNull().defaultTo(no))
        .addColumn('dots_per_participant', 'integer', (c) =>
          c.notNull().check(sql`dots_per_participant between 0 and 100`),
        )
        .addColumn('max_dots_per_note', 'integer', (c) => c.check(sql`max_dots_per_note between 1 and 100`))
        .addColumn('voting_closes_at', t.timestamp)
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('boards_circle_idx')
        .on('boards')
        .columns(['circle_id', 'created_at'])
        .execute();
      await db.schema.createIndex('boards_session_idx').on('boards').column('session_id').execute();

      await db.schema
        .createTable('board_categories')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('color', 'text', (c) => c.notNull().check(oneOf('color', boardColors)))
        .addColumn('meaning', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .createIndex('board_categories_board_idx')
        .on('board_categories')
        .columns(['board_id', 'position'])
        .execute();

      await db.schema
        .createTable('board_clusters')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('board_clusters_board_idx')
        .on('board_clusters')
        .column('board_id')
        .execute();

      await db.schema
        .createTable('board_notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
        .addColumn('category_id', 'text', (c) => c.references('board_categories.id').onDelete('set null'))
        .addColumn('cluster_id', 'text', (c) => c.references('board_clusters.id').onDelete('set null'))
        .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('text', 'text', (c) =>
          c.notNull().check(sql`length(text) between 1 and ${sql.lit(NOTE_TEXT_MAX)}`),
        )
        .addColumn('x', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('y', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('hidden', t.flag, (c) => c.notNull().defaultTo(no))
        .addColumn('private', t.flag, (c) => c.notNull().defaultTo(no))
        .addColumn('action_id', 'text', (c) => c.references('actions.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('board_notes_board_idx')
        .on('board_notes')
        .columns(['board_id', 'y'])
        .execute();

      await db.schema
        .createTable('board_dots')
        .addColumn('note_id', 'text', (c) => c.notNull().references('board_notes.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        // Denormalised from the note so one indexed read sums a voter's dots on the board.
        .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
        .addColumn('count', 'integer', (c) => c.notNull().check(sql`count between 1 and 100`))
        .addPrimaryKeyConstraint('board_dots_pk', ['note_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('board_dots_voter_idx')
        .on('board_dots')
        .columns(['board_id', 'user_id'])
        .execute();
    },
  };
}
