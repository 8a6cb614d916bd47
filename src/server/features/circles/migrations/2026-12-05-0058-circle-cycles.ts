import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/**
 * Circles over time (decision 055): planned dates and number of sessions, the cycle a circle
 * continues (one next cycle per circle), and links between related circles of a community.
 */
export function circleCyclesTables(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      // Calendar days ("2027-01-12"), as actions' due dates: a cycle starts on a day, not an instant.
      await db.schema.alterTable('circles').addColumn('starts_on', 'text').execute();
      // SQLite cannot add a table constraint later, but a column's check may name another column.
      await db.schema
        .alterTable('circles')
        .addColumn('ends_on', 'text', (c) =>
          dialect === 'sqlite'
            ? c.check(sql`ends_on is null or starts_on is null or ends_on >= starts_on`)
            : c,
        )
        .execute();
      await db.schema
        .alterTable('circles')
        .addColumn('planned_sessions', 'integer', (c) =>
          c.check(sql`planned_sessions is null or (planned_sessions >= 1 and planned_sessions <= 200)`),
        )
        .execute();
      await db.schema
        .alterTable('circles')
        .addColumn('previous_circle_id', 'text', (c) => c.references('circles.id').onDelete('set null'))
        .execute();
      if (dialect === 'postgres') {
        await db.schema
          .alterTable('circles')
          .addCheckConstraint(
            'circles_cycle_dates_ck',
            sql`ends_on is null or starts_on is null or ends_on >= starts_on`,
          )
          .execute();
      }
      // One next cycle per circle: a second renewal is a conflict, not a fork.
      await db.schema
        .createIndex('circles_previous_circle_uq')
        .on('circles')
        .column('previous_circle_id')
        .unique()
        .execute();

      // An unordered pair, stored once with first_circle_id < second_circle_id (compared by the server).
      await db.schema
        .createTable('circle_links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('first_circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
        .addColumn('second_circle_id', 'text', (c) =>
          c.notNull().references('circles.id').onDelete('cascade'),
        )
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addUniqueConstraint('circle_links_pair_uq', ['first_circle_id', 'second_circle_id'])
        .addCheckConstraint('circle_links_distinct_ck', sql`first_circle_id <> second_circle_id`)
        .execute();
      await db.schema
        .createIndex('circle_links_second_idx')
        .on('circle_links')
        .column('second_circle_id')
        .execute();
    },
  };
}
