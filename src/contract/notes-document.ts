import * as Y from 'yjs';

/**
 * The shape of a session's shared notes as a Yjs document, shared by the server (seed, Markdown,
 * size limit) and the browser's editor (Tiptap's StarterKit nodes in one XML fragment).
 */

/** The fragment the Tiptap editor binds to: the server seeds and renders this one. */
export const NOTES_FRAGMENT = 'default';

/**
 * Largest stored Yjs state of one session's notes (after deleted text is dropped): about 2 million
 * characters of plain text, far beyond a meeting's notes, and small enough to load and render fast.
 */
export const NOTES_MAX_BYTES = 2 * 1024 * 1024;

/** The reason the server gives when it refuses an edit that would make the notes too large. */
export const NOTES_TOO_LARGE = 'notes-too-large';

/** StarterKit nodes whose content is inline text. */
const TEXTBLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

type XmlNode = Y.XmlElement | Y.XmlText | Y.XmlHook;

/**
 * Gives every empty textblock among these nodes, and among their descendants, an empty Y.XmlText.
 *
 * Why: an element with no Y.XmlText gets one from whoever types into it first. When two people type
 * into it at once, each creates their own, and the editor binding (y-tiptap) repairs the pair of
 * sibling texts by copying one into the other, on both screens at once: one person's first letter
 * ends up twice (or moved), and both screens converge on it. With the Y.XmlText there before anyone
 * types, every keystroke goes into the same Y.XmlText and Yjs orders concurrent ones itself.
 * Call it only on elements the running transaction created or emptied, or on the server under the
 * notes' row lock (several instances may hold the document): two writers filling the same old
 * element at once would make the very pair it avoids.
 * Returns how many textblocks it filled.
 */
export function giveTextblocksText(nodes: Iterable<XmlNode>): number {
  let filled = 0;
  for (const node of nodes) {
    if (!(node instanceof Y.XmlElement)) continue;
    if (TEXTBLOCKS.has(node.nodeName)) {
      if (node.length === 0) {
        node.insert(0, [new Y.XmlText()]);
        filled += 1;
      }
    } else {
      filled += giveTextblocksText(node.toArray());
    }
  }
  return filled;
}

/** True when some textblock among these nodes, or their descendants, has no Y.XmlText yet. */
export function lacksTextblockText(nodes: Iterable<XmlNode>): boolean {
  for (const node of nodes) {
    if (!(node instanceof Y.XmlElement)) continue;
    if (TEXTBLOCKS.has(node.nodeName) ? node.length === 0 : lacksTextblockText(node.toArray())) return true;
  }
  return false;
}

/**
 * The elements a transaction created (the top of each new subtree) or left with no children: the
 * textblocks among them are the ones this writer alone may give their text.
 */
export function elementsTouchedBy(transaction: Y.Transaction): XmlNode[] {
  const touched: XmlNode[] = [];
  for (const type of transaction.changed.keys()) {
    if (!(type instanceof Y.XmlFragment)) continue;
    if (type instanceof Y.XmlElement && type.length === 0) touched.push(type);
    for (const child of type.toArray()) {
      const id = child instanceof Y.XmlElement ? child._item?.id : undefined;
      if (id && id.clock >= (transaction.beforeState.get(id.client) ?? 0)) touched.push(child);
    }
  }
  return touched;
}
