import * as Y from 'yjs';
import { NOTES_MAX_BYTES, NOTES_TOO_LARGE } from '../../contract/notes-document.ts';

/** Refuses an update; Hocuspocus closes the editor's connection with this reason, and nothing is stored. */
export class NotesTooLargeError extends Error {
  readonly reason = NOTES_TOO_LARGE;

  constructor() {
    super('The shared notes would exceed their size limit');
  }
}

/**
 * Keeps every open notes document under a size limit, checked before an update is logged.
 *
 * Measuring the encoded document on every keystroke would cost a full encoding each time, so each
 * document keeps an estimate: its measured size plus the bytes of the updates accepted since (an
 * update's bytes are about what it adds, usually more once merged). Only when the estimate
 * would pass the limit is the document measured again, and the update refused if it still would.
 * Updates that only delete are always accepted: they are how full notes make room again.
 */
export function createNotesSizeLimit(maxBytes = NOTES_MAX_BYTES) {
  const estimates = new WeakMap<Y.Doc, number>();
  const measure = (document: Y.Doc) => Y.encodeStateAsUpdate(document).byteLength;
  return {
    /** Throws NotesTooLargeError when the update would take the document past the limit. */
    check(document: Y.Doc, update: Uint8Array): void {
      if (Y.decodeUpdate(update).structs.length === 0) return;
      let size = estimates.get(document) ?? measure(document);
      if (size + update.byteLength > maxBytes) size = measure(document);
      if (size + update.byteLength > maxBytes) {
        estimates.set(document, size);
        throw new NotesTooLargeError();
      }
      estimates.set(document, size + update.byteLength);
    },
    /** The document took an update that was not checked here (another instance's, the database's). */
    grew(document: Y.Doc, bytes: number): void {
      const size = estimates.get(document);
      if (size !== undefined) estimates.set(document, size + bytes);
    },
  };
}
