import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/** A circle's REX decision (renew, spread, pause, end), one per circle. */
export function circleDecisionsTable(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('circle_decisions')
        .addColumn('circle_id', 'text', (c) => c.primaryKey().references('circles.id').onDelete('cascade'))
        .addColumn('outcome', 'text', (c) =>
          c.notNull().check(sql`outcome in ('renew', 'spread', 'pause', 'end')`),
        )
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('decided_at', t.timestamp, (c) => c.notNull())
        .execute();
    },
  };
}
