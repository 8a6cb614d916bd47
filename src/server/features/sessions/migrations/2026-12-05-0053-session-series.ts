import type { Kysely, Migration } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/**
 * Recurring sessions: a series keeps the rule it was planned with (frequency, interval, end,
 * skipped and moved dates, as JSON); each occurrence is an ordinary session that names its series.
 * Deleting a session leaves the series; deleting the circle deletes both.
 */
export function sessionSeries(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('session_series')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .alterTable('sessions')
        .addColumn('series_id', 'text', (c) => c.references('session_series.id').onDelete('set null'))
        .execute();
      await db.schema.createIndex('sessions_series_idx').on('sessions').column('series_id').execute();
    },
  };
}
