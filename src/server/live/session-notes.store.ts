import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import { giveTextblocksText, NOTES_FRAGMENT } from '../../contract/notes-document.ts';
import { lockSession } from '../db/locks.ts';
import type { DB } from '../db/schema.ts';
import { docToMarkdown } from './notes-markdown.ts';

/**
 * Yjs persistence for session notes. Every update is appended before the server acknowledges it,
 * so what an editor saw confirmed survives a crash; compaction later folds the log into the
 * snapshot using only what is in the database (never the in-memory document, which may hold
 * updates not yet written).
 */
export async function appendNoteUpdate(db: Kysely<DB>, sessionId: string, update: Uint8Array): Promise<void> {
  await db.insertInto('sessionNoteUpdates').values({ sessionId, update }).execute();
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

/** The stored notes, as one Yjs update (empty document when nothing was ever written). */
export async function loadNoteState(db: Kysely<DB>, sessionId: string): Promise<Uint8Array | null> {
  const snapshot = await db
    .selectFrom('sessionNoteSnapshots')
    .select('state')
    .where('sessionId', '=', sessionId)
    .executeTakeFirst();
  const updates = await db
    .selectFrom('sessionNoteUpdates')
    .select('update')
    .where('sessionId', '=', sessionId)
    .orderBy('id')
    .execute();
  const parts = [...(snapshot ? [snapshot.state] : []), ...updates.map((row) => row.update)].map(toBytes);
  return parts.length === 0 ? null : Y.mergeUpdates(parts);
}

/**
 * Folds the appended updates into the snapshot and renders its Markdown, in one transaction under
 * the session's row lock (a read and the editing server may compact at once; neither may write a
 * state missing the other's rows). The state is re-encoded from a loaded document, so deleted text
 * is dropped, not carried forever. Returns the notes' Markdown (null when there are no notes).
 */
export async function compactNotes(db: Kysely<DB>, sessionId: string): Promise<string | null> {
  const compact = async (trx: Kysely<DB>) => {
    await lockSession(trx, sessionId);
    const updates = await trx
      .selectFrom('sessionNoteUpdates')
      .select(['id', 'update'])
      .where('sessionId', '=', sessionId)
      .orderBy('id')
      .execute();
    const snapshot = await trx
      .selectFrom('sessionNoteSnapshots')
      .select(['state', 'markdown'])
      .where('sessionId', '=', sessionId)
      .executeTakeFirst();
    if (updates.length === 0 && (!snapshot || snapshot.markdown !== null)) return snapshot?.markdown ?? null;
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
      .insertInto('sessionNoteSnapshots')
      .values({ sessionId, state, markdown, updatedAt })
      .onConflict((oc) => oc.column('sessionId').doUpdateSet({ state, markdown, updatedAt }))
      .execute();
    if (updates.length > 0) {
      await trx
        .deleteFrom('sessionNoteUpdates')
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
 * The notes as Markdown for reading a session: the snapshot's text when the log holds nothing
 * newer, so a read never replays the notes' history; otherwise the log is folded first (a few
 * seconds of typing, since the editing server compacts as it goes).
 */
export async function readNotesMarkdown(db: Kysely<DB>, sessionId: string): Promise<string> {
  const [snapshot, pending] = await Promise.all([
    db
      .selectFrom('sessionNoteSnapshots')
      .select('markdown')
      .where('sessionId', '=', sessionId)
      .executeTakeFirst(),
    db
      .selectFrom('sessionNoteUpdates')
      .select('id')
      .where('sessionId', '=', sessionId)
      .limit(1)
      .executeTakeFirst(),
  ]);
  if (!pending && !snapshot) return '';
  if (!pending && snapshot?.markdown != null) return snapshot.markdown;
  return (await compactNotes(db, sessionId)) ?? '';
}

/** pg gives Buffers, node:sqlite Uint8Arrays: Yjs wants plain Uint8Arrays. */
function toBytes(value: Uint8Array): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

/**
 * A first document with one heading per agenda item and an empty paragraph under each (the shape
 * the Tiptap editor reads: heading and paragraph nodes in the "default" fragment). Stored only if
 * no notes exist yet, so two servers opening the notes at once agree on one seed.
 */
export async function seedNotesFromAgenda(db: Kysely<DB>, sessionId: string): Promise<void> {
  const items = await db
    .selectFrom('agendaItems')
    .select('title')
    .where('sessionId', '=', sessionId)
    .where('parentId', 'is', null)
    .orderBy('position')
    .execute();
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(NOTES_FRAGMENT);
  // Each node is inserted before it is filled: a Yjs type must belong to a document first.
  let index = 0;
  for (const item of items) {
    const heading = new Y.XmlElement<{ level: number }>('heading');
    // Yjs types the fragment's children by attribute shape; a heading's numeric level is what Tiptap reads.
    fragment.insert(index++, [heading as unknown as Y.XmlElement]);
    heading.setAttribute('level', 2);
    heading.insert(0, [new Y.XmlText(item.title)]);
    fragment.insert(index++, [new Y.XmlElement('paragraph')]);
  }
  if (index === 0) fragment.insert(0, [new Y.XmlElement('paragraph')]);
  // The empty paragraphs carry their (empty) text, so two people typing into one share it.
  giveTextblocksText(fragment.toArray());
  await db
    .insertInto('sessionNoteSnapshots')
    .values({
      sessionId,
      state: Y.encodeStateAsUpdate(doc),
      markdown: '',
      updatedAt: new Date().toISOString(),
    })
    .onConflict((oc) => oc.column('sessionId').doNothing())
    .execute();
}
