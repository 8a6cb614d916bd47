import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NotesDoc } from './notes-doc.ts';

/** What the others receive from one transaction: the update events it emits. */
function updatesOf(doc: Y.Doc, change: () => void): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const listener = (update: Uint8Array) => updates.push(update);
  doc.on('update', listener);
  change();
  doc.off('update', listener);
  return updates;
}

describe('the notes editor’s document', () => {
  it('sends a new paragraph together with its text, in one update', () => {
    const doc = new NotesDoc();
    const fragment = doc.getXmlFragment('default');
    const updates = updatesOf(doc, () =>
      doc.transact(() => {
        const list = new Y.XmlElement('bulletList');
        fragment.insert(0, [new Y.XmlElement('paragraph'), new Y.XmlElement('heading'), list]);
        const item = new Y.XmlElement('listItem');
        list.insert(0, [item]);
        item.insert(0, [new Y.XmlElement('paragraph')]);
      }),
    );
    expect(updates).toHaveLength(1);
    const other = new Y.Doc();
    Y.applyUpdate(other, updates[0] ?? new Uint8Array());
    // Every textblock that reached the other side holds one (empty) text.
    const textblocks: string[] = [];
    const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlHook) => {
      if (!(node instanceof Y.XmlElement)) return;
      const children = node.toArray();
      if (['paragraph', 'heading'].includes(node.nodeName)) {
        textblocks.push(`${node.nodeName}:${children.map((child) => child.constructor.name).join()}`);
      } else children.forEach(walk);
    };
    other.getXmlFragment('default').toArray().forEach(walk);
    expect(textblocks).toEqual([
      `paragraph:${Y.XmlText.name}`,
      `heading:${Y.XmlText.name}`,
      `paragraph:${Y.XmlText.name}`,
    ]);
  });

  it('gives back its text to a paragraph it emptied, and leaves paragraphs from others as they come', () => {
    const doc = new NotesDoc();
    const fragment = doc.getXmlFragment('default');
    const remote = new Y.Doc();
    remote.getXmlFragment('default').insert(0, [new Y.XmlElement('paragraph')]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
    const [fromOthers] = fragment.toArray();
    expect(fromOthers instanceof Y.XmlElement && fromOthers.length).toBe(0);

    doc.transact(() => fragment.insert(1, [new Y.XmlElement('paragraph')]));
    const mine = fragment.get(1);
    if (!(mine instanceof Y.XmlElement)) throw new Error('no paragraph');
    doc.transact(() => mine.delete(0, mine.length));
    expect(mine.length).toBe(1);
    expect(fromOthers instanceof Y.XmlElement && fromOthers.length).toBe(0);
  });
});
