import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * The shared notes as Markdown beside their Yjs snapshot, written by each compaction: reading a
 * session (page, minutes, exports) serves this text instead of replaying the notes' history.
 * Null until the snapshot is next compacted (rows from before this migration).
 */
export function notesSnapshotText(_dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('session_note_snapshots').addColumn('markdown', 'text').execute();
    },
  };
}
