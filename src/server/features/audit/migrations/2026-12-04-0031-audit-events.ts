import { type Kysely, type Migration, sql } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/**
 * The audit log. `actor_id` and `subject_id` have no foreign key on purpose: an entry outlives the
 * account it names, which then stays an opaque id (the account row is gone or anonymised).
 */
export function auditEvents(dialect: DialectName): Migration {
  const { timestamp } = columnTypes(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', timestamp, (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('subject_kind', 'text')
        .addColumn('subject_id', 'text')
        .addColumn('ip', 'text')
        .addColumn('detail', 'text')
        .addCheckConstraint('audit_events_detail_len', sql`length(detail) <= 200`)
        .execute();
      // The console pages newest first, filtered by kind or by actor; retention deletes by date.
      await db.schema.createIndex('audit_events_at_idx').on('audit_events').columns(['at', 'id']).execute();
      await db.schema
        .createIndex('audit_events_kind_idx')
        .on('audit_events')
        .columns(['kind', 'at'])
        .execute();
      await db.schema
        .createIndex('audit_events_actor_idx')
        .on('audit_events')
        .columns(['actor_id', 'at'])
        .execute();
    },
  };
}
