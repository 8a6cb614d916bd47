import * as Y from 'yjs';
import { elementsBornIn, giveTextblocksText } from '../../../../contract/notes-document.ts';

/**
 * The editor's Yjs document. Every local transaction (the editor binding writes through
 * `doc.transact`) gives the textblocks it creates their Y.XmlText before it ends, so the new
 * paragraph and its text reach the others in one update: two people who then type into it at once
 * write into the same text (see giveTextblocksText). Remote updates are applied as they come.
 */
export class NotesDoc extends Y.Doc {
  override transact<T>(f: (transaction: Y.Transaction) => T, origin?: unknown): T {
    // Nested calls join the outer transaction, which fills the textblocks once at its end.
    if (this._transaction !== null) return super.transact(f, origin);
    return super.transact((transaction) => {
      const result = f(transaction);
      if (transaction.local) giveTextblocksText(elementsBornIn(transaction));
      return result;
    }, origin);
  }
}
