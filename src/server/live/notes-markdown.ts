import * as Y from 'yjs';
import { NOTES_FRAGMENT } from '../../contract/notes-document.ts';
import { isSafeHref } from '../../domain/markdown.ts';

/**
 * The shared notes as Markdown, for the minutes: headings, paragraphs, lists, quotes and code, as
 * Tiptap's StarterKit writes them into the Yjs document (element names are ProseMirror node names).
 */
export function notesToMarkdown(state: Uint8Array | null): string {
  if (!state) return '';
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return docToMarkdown(doc);
}

/** The same, from a document already loaded (what compaction holds). */
export function docToMarkdown(doc: Y.Doc): string {
  const blocks = doc
    .getXmlFragment(NOTES_FRAGMENT)
    .toArray()
    .map((node) => block(node, ''));
  const written = blocks.filter((text) => text.trim() !== '');
  // Notes still holding only the agenda headings they were seeded with say nothing yet.
  if (written.every((text) => text.startsWith('#'))) return '';
  return written.join('\n\n').trim();
}

function inline(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) {
    return node
      .toDelta()
      .map((op: { insert?: unknown; attributes?: Record<string, unknown> }) => {
        const text = typeof op.insert === 'string' ? op.insert : '';
        if (!text.trim()) return text;
        let written = text;
        if (op.attributes?.code) written = `\`${written}\``;
        if (op.attributes?.italic) written = `_${written}_`;
        if (op.attributes?.bold) written = `**${written}**`;
        const href = (op.attributes?.link as { href?: unknown } | undefined)?.href;
        // Only addresses the Markdown reader keeps; any other link stays its text.
        if (typeof href === 'string' && isSafeHref(href) && !/[\s()]/.test(href) && written !== href) {
          written = `[${written.replace(/[[\]]/g, '')}](${href})`;
        }
        return written;
      })
      .join('');
  }
  if (node instanceof Y.XmlElement) {
    if (node.nodeName === 'hardBreak') return '  \n';
    return node.toArray().map(inline).join('');
  }
  return '';
}

function block(node: Y.XmlElement | Y.XmlText | Y.XmlHook, indent: string): string {
  if (!(node instanceof Y.XmlElement)) return inline(node);
  const children = node.toArray();
  switch (node.nodeName) {
    case 'heading': {
      const level = Number(node.getAttribute('level')) || 2;
      return `${'#'.repeat(Math.min(level + 1, 6))} ${inline(node)}`;
    }
    case 'bulletList':
      return children.map((item) => listItem(item, `${indent}- `, indent)).join('\n');
    case 'taskList':
      return children
        .map((item) => {
          const checked = item instanceof Y.XmlElement && String(item.getAttribute('checked')) === 'true';
          return listItem(item, `${indent}- [${checked ? 'x' : ' '}] `, indent);
        })
        .join('\n');
    case 'orderedList':
      return children.map((item, index) => listItem(item, `${indent}${index + 1}. `, indent)).join('\n');
    case 'blockquote':
      return children.map((child) => `> ${block(child, '')}`).join('\n>\n');
    case 'codeBlock':
      return `\`\`\`\n${node.toArray().map(inline).join('')}\n\`\`\``;
    case 'horizontalRule':
      return '---';
    default:
      return inline(node);
  }
}

function listItem(item: Y.XmlElement | Y.XmlText | Y.XmlHook, marker: string, indent: string): string {
  if (!(item instanceof Y.XmlElement)) return `${marker}${inline(item)}`;
  const [first, ...rest] = item.toArray();
  const head = first ? block(first, indent) : '';
  const nested = rest.map((child) => block(child, `${indent}  `)).filter(Boolean);
  return [`${marker}${head}`, ...nested].join('\n');
}
