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

  it('writes checklists and safe links, and drops any other link to its text', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('default');
    const linked = new Y.XmlText();
    fragment.insert(0, [
      element('taskList', [
        element('taskItem', [element('paragraph', [new Y.XmlText('Relire le REX')])], { checked: 'true' }),
        element('taskItem', [element('paragraph', [new Y.XmlText('Créer le sondage')])], {
          checked: 'false',
        }),
      ]),
      element('paragraph', [linked]),
    ]);
    linked.insert(0, 'Voir ');
    linked.insert(5, 'le pad', { link: { href: 'https://pad.example/p' } });
    linked.insert(11, ' et ', { link: null });
    linked.insert(15, 'ceci', { link: { href: 'javascript:alert(1)' } });
    expect(notesToMarkdown(Y.encodeStateAsUpdate(doc))).toBe(
      '- [x] Relire le REX\n- [ ] Créer le sondage\n\nVoir [le pad](https://pad.example/p) et ceci',
    );
  });
});
