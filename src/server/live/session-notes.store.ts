import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import { giveTextblocksText, NOTES_FRAGMENT } from '../../contract/notes-document.ts';
import { lockSession } from '../db/locks.ts';
import type { DB } from '../db/schema.ts';
import { isReadableUpdate, notesStore } from './notes-store.ts';

/** Circle sessions' notes: `session_note_updates` and `session_note_snapshots`, under the session's lock. */
export const sessionNotesStore = notesStore({
  updates: 'sessionNoteUpdates',
  snapshots: 'sessionNoteSnapshots',
  lock: lockSession,
});

export { isReadableUpdate };
export const { appendNoteUpdate, loadNoteState, compactNotes, readNotesMarkdown } = sessionNotesStore;

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
