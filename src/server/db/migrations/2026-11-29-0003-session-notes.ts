import type { Kysely, Migration } from 'kysely';
import { columnTypes } from '../columns.ts';
import type { DialectName } from '../database.ts';

/**
 * The shared notes of a session as Yjs data: a compacted snapshot plus the updates received since,
 * each stored before the server acknowledges it to the editor.
 */
export function sessionNotes(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('session_note_snapshots')
        .addColumn('session_id', 'text', (c) => c.primaryKey().references('sessions.id').onDelete('cascade'))
        .addColumn('state', blob, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('session_note_updates')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('update', blob, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('session_note_updates_session_idx')
        .on('session_note_updates')
        .columns(['session_id', 'id'])
        .execute();
    },
  };
}
