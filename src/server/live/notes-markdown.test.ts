import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { notesToMarkdown } from './notes-markdown.ts';

function element(
  name: string,
  children: (Y.XmlElement | Y.XmlText)[],
  attributes: Record<string, string> = {},
) {
  const node = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  node.insert(0, children);
  return node;
}

describe('shared notes as Markdown', () => {
  it('writes headings, paragraphs with emphasis, and nested lists', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('default');
    const bold = new Y.XmlText();
    fragment.insert(0, [
      element('heading', [new Y.XmlText('Tour de météo')], { level: '2' }),
      element('paragraph', [bold]),
      element('bulletList', [
        element('listItem', [element('paragraph', [new Y.XmlText('Nadia : le questionnaire')])]),
        element('listItem', [element('paragraph', [new Y.XmlText('Bernard : le REX')])]),
      ]),
    ]);
    bold.insert(0, 'Soleil ');
    bold.insert(7, 'pour tous', { bold: true });
    expect(notesToMarkdown(Y.encodeStateAsUpdate(doc))).toBe(
      '### Tour de météo\n\nSoleil **pour tous**\n\n- Nadia : le questionnaire\n- Bernard : le REX',
    );
  });

  it('gives nothing for notes never written, or holding only their seeded headings', () => {
    expect(notesToMarkdown(null)).toBe('');
    const doc = new Y.Doc();
    doc
      .getXmlFragment('default')
      .insert(0, [
        element('heading', [new Y.XmlText('Tour de météo')], { level: '2' }),
        element('paragraph', []),
      ]);
    expect(notesToMarkdown(Y.encodeStateAsUpdate(doc))).toBe('');
  });
});
