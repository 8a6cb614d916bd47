import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import type { DB } from '../db/schema.ts';
import { docToMarkdown } from './notes-markdown.ts';

/**
 * Where one kind of notes is stored: a log of updates and a snapshot, keyed by the owning object's
 * id (column `session_id` in both), and the row lock of that object. Both pairs of tables have the
 * same columns (the open-space tables are declared with the session-notes types).
 */
export interface NotesTables {
  updates: 'sessionNoteUpdates' | 'openSpaceNoteUpdates';
  snapshots: 'sessionNoteSnapshots' | 'openSpaceNoteSnapshots';
  lock(trx: Kysely<DB>, id: string): Promise<unknown>;
}

/** One update to append to the log of the notes `sessionId` (the owning object's id). */
export interface NoteUpdate {
  sessionId: string;
  update: Uint8Array;
}

/** One kind of notes' persistence. */
export interface NotesStore {
  appendNoteUpdate(db: Kysely<DB>, sessionId: string, update: Uint8Array): Promise<void>;
  /** Appends several updates (of any of this kind's notes) in one statement, in the given order. */
  appendNoteUpdates(db: Kysely<DB>, updates: readonly NoteUpdate[]): Promise<void>;
  loadNoteState(db: Kysely<DB>, sessionId: string): Promise<Uint8Array | null>;
  compactNotes(db: Kysely<DB>, sessionId: string): Promise<string | null>;
  readNotesMarkdown(db: Kysely<DB>, sessionId: string): Promise<string>;
  /** Runs `work` in one transaction holding the owner's row lock (the lock compaction takes). */
  underLock<T>(db: Kysely<DB>, sessionId: string, work: (trx: Kysely<DB>) => Promise<T>): Promise<T>;
}

/** True when the bytes are a well-formed Yjs update: only those may enter the log. */
export function isReadableUpdate(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}

/** pg gives Buffers, node:sqlite Uint8Arrays: Yjs wants plain Uint8Arrays. */
export function toBytes(value: Uint8Array): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

type NotesDB = Pick<DB, 'sessionNoteUpdates' | 'sessionNoteSnapshots'>;

/**
 * Yjs persistence for shared notes (a circle session's, an open-space session's). Every update is
 * appended before the server acknowledges it, so what an editor saw confirmed survives a crash;
 * compaction later folds the log into the snapshot using only what is in the database (never the
 * in-memory document, which may hold updates not yet written).
 */
export function notesStore(tables: NotesTables): NotesStore {
  // The names differ, the columns do not: the queries are typed once, on the session notes' names.
  const updatesTable = tables.updates as 'sessionNoteUpdates';
  const snapshotsTable = tables.snapshots as 'sessionNoteSnapshots';
  const on = (db: Kysely<DB>) => db as unknown as Kysely<NotesDB>;

  async function appendNoteUpdate(db: Kysely<DB>, sessionId: string, update: Uint8Array): Promise<void> {
    await on(db).insertInto(updatesTable).values({ sessionId, update }).execute();
  }

  async function appendNoteUpdates(db: Kysely<DB>, updates: readonly NoteUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    // Two parameters a row: statements of 400 rows stay far below SQLite's and PostgreSQL's limits.
    const insert = async (trx: Kysely<DB>) => {
      for (let from = 0; from < updates.length; from += 400) {
        const rows = updates.slice(from, from + 400).map(({ sessionId, update }) => ({ sessionId, update }));
        await on(trx).insertInto(updatesTable).values(rows).execute();
      }
    };
    await (updates.length <= 400 || db.isTransaction ? insert(db) : db.transaction().execute(insert));
  }

  /**
   * The stored notes, as one Yjs update (empty document when nothing was ever written). The log is
   * read before the snapshot, as in readNotesMarkdown: a compaction committing between the two reads
   * then gives log rows the new snapshot already holds (merging them again changes nothing), never
   * the old snapshot with the emptied log, which would lose every folded update.
   */
  async function loadNoteState(db: Kysely<DB>, sessionId: string): Promise<Uint8Array | null> {
    const updates = await on(db)
      .selectFrom(updatesTable)
      .select('update')
      .where('sessionId', '=', sessionId)
      .orderBy('id')
      .execute();
    const snapshot = await on(db)
      .selectFrom(snapshotsTable)
      .select('state')
      .where('sessionId', '=', sessionId)
      .executeTakeFirst();
    const parts = [...(snapshot ? [snapshot.state] : []), ...updates.map((row) => row.update)].map(toBytes);
    return parts.length === 0 ? null : Y.mergeUpdates(parts);
  }

  /**
   * Folds the appended updates into the snapshot and renders its Markdown, in one transaction under
   * the owner's row lock (a read and the editing server may compact at once; neither may write a
   * state missing the other's rows). The state is re-encoded from a loaded document, so deleted text
   * is dropped, not carried forever. Returns the notes' Markdown (null when there are no notes).
   */
  async function compactNotes(db: Kysely<DB>, sessionId: string): Promise<string | null> {
    const compact = async (locked: Kysely<DB>) => {
      const trx = on(locked);
      await tables.lock(locked, sessionId);
      const updates = await trx
        .selectFrom(updatesTable)
        .select(['id', 'update'])
        .where('sessionId', '=', sessionId)
        .orderBy('id')
        .execute();
      const snapshot = await trx
        .selectFrom(snapshotsTable)
        .select(['state', 'markdown'])
        .where('sessionId', '=', sessionId)
        .executeTakeFirst();
      if (updates.length === 0 && (!snapshot || snapshot.markdown !== null))
        return snapshot?.markdown ?? null;
      const doc = new Y.Doc();
      Y.applyUpdate(
        doc,
        Y.mergeUpdates(
          [...(snapshot ? [snapshot.state] : []), ...updates.map((row) => row.update)].map(toBytes),
        ),
      );
      const state = Y.encodeStateAsUpdate(doc);
      const markdown = docToMarkdown(doc);
      const updatedAt = new Date().toISOString();
      await trx
        .insertInto(snapshotsTable)
        .values({ sessionId, state, markdown, updatedAt })
        .onConflict((oc) => oc.column('sessionId').doUpdateSet({ state, markdown, updatedAt }))
        .execute();
      if (updates.length > 0) {
        await trx
          .deleteFrom(updatesTable)
          // Exactly the rows folded in: a row with a lower id that committed after the read above (ids
          // are taken before commit on PostgreSQL) stays in the log for the next compaction.
          .where(
            'id',
            'in',
            updates.map((row) => row.id),
          )
          .execute();
      }
      return markdown;
    };
    return db.isTransaction ? compact(db) : db.transaction().execute(compact);
  }

  /**
   * The notes as Markdown for reading: the snapshot's text when the log holds nothing
   * newer, so a read never replays the notes' history; otherwise the log is folded first (a few
   * seconds of typing, since the editing server compacts as it goes).
   */
  async function readNotesMarkdown(db: Kysely<DB>, sessionId: string): Promise<string> {
    // The log first, then the snapshot, one after the other: a compaction replaces the snapshot
    // and empties the log in one transaction, so an empty log read first means the snapshot read
    // next holds every update. Read the other way round (or at once, on two connections), a
    // compaction committing in between would give the old snapshot and an empty log: stale text.
    const pending = await on(db)
      .selectFrom(updatesTable)
      .select('id')
      .where('sessionId', '=', sessionId)
      .limit(1)
      .executeTakeFirst();
    const snapshot = await on(db)
      .selectFrom(snapshotsTable)
      .select('markdown')
      .where('sessionId', '=', sessionId)
      .executeTakeFirst();
    if (!pending && !snapshot) return '';
    if (!pending && snapshot?.markdown != null) return snapshot.markdown;
    return (await compactNotes(db, sessionId)) ?? '';
  }

  function underLock<T>(db: Kysely<DB>, sessionId: string, work: (trx: Kysely<DB>) => Promise<T>) {
    return db.transaction().execute(async (trx) => {
      await tables.lock(trx, sessionId);
      return work(trx);
    });
  }

  return { appendNoteUpdate, appendNoteUpdates, loadNoteState, compactNotes, readNotesMarkdown, underLock };
}
