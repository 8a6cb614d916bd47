import type { Editor } from '@tiptap/react';
import { absolutePositionToRelativePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';

/**
 * Who wrote a passage, read from Yjs itself: every character is a Yjs item stamped with the client
 * id of the document that typed it. The notes' root map `authors` maps those client ids to user ids
 * (each editor writes its own entry at its first edit: one short entry per visit that writes).
 * Indicative only: an editor could write another's id, as it could type another's name (decision 054).
 */
export const AUTHORS_MAP = 'authors';

/** Writes this editor's client id → user id entry at its first local edit; returns the unsubscriber. */
export function claimAuthorship(doc: Y.Doc, userId: string): () => void {
  const authors = doc.getMap<string>(AUTHORS_MAP);
  const onUpdate = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (!transaction.local || authors.get(String(doc.clientID)) === userId) return;
    // Outside the running transaction's observers: a nested write would join it anyway.
    queueMicrotask(() => {
      if (authors.get(String(doc.clientID)) !== userId) authors.set(String(doc.clientID), userId);
    });
    doc.off('update', onUpdate);
  };
  doc.on('update', onUpdate);
  return () => doc.off('update', onUpdate);
}

/** The user id of whoever wrote the character at this ProseMirror position, if known. */
export function authorAt(editor: Editor, doc: Y.Doc, pos: number): string | null {
  const state = ySyncPluginKey.getState(editor.state) as
    | { type: Y.XmlFragment; binding: { mapping: unknown } | null }
    | undefined;
  if (!state?.binding) return null;
  try {
    const relative = absolutePositionToRelativePosition(pos, state.type, state.binding.mapping as never) as {
      item: { client: number } | null;
    };
    if (!relative.item) return null;
    return doc.getMap<string>(AUTHORS_MAP).get(String(relative.item.client)) ?? null;
  } catch {
    return null;
  }
}
