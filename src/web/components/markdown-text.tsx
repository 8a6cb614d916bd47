import { createElement, type ReactNode, useMemo } from 'react';
import { type Block, type Inline, linkify, parseMarkdown } from '../../domain/markdown.ts';
import styles from './markdown-text.module.css';

// Children are passed as createElement's arguments: a static list from the parser, no keys needed.
const element = (tag: string, props: Record<string, string> | null, children: ReactNode[]) =>
  createElement(tag, props, ...children);

/** How a `[[term]]` shows: a link to the entry, or the words as written when nothing resolves them. */
export type WikiLinkRenderer = (term: string) => ReactNode;

function renderInline(node: Inline, wiki?: WikiLinkRenderer): ReactNode {
  const inner = (children: Inline[]) => children.map((child) => renderInline(child, wiki));
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'strong':
    case 'em':
      return element(node.kind, null, inner(node.children));
    case 'code':
      return element('code', null, [node.text]);
    case 'break':
      return element('br', null, []);
    case 'link':
      // The parser keeps only http(s) and mailto addresses; the page's CSP does the rest.
      return element(
        'a',
        { href: node.href, rel: 'noopener noreferrer nofollow', target: '_blank' },
        inner(node.children),
      );
    case 'wiki':
      return wiki ? wiki(node.term) : `[[${node.term}]]`;
    default:
      return null;
  }
}

function renderBlock(block: Block, topLevel: number, wiki?: WikiLinkRenderer): ReactNode {
  const inline = (nodes: Inline[]) => nodes.map((node) => renderInline(node, wiki));
  switch (block.kind) {
    case 'heading':
      // "#" in notes is a part of the notes, below the section that shows them.
      return element(
        `h${Math.min(6, topLevel + Math.max(0, block.level - 2))}`,
        { className: styles.heading ?? '' },
        inline(block.children),
      );
    case 'paragraph':
      return element('p', null, inline(block.children));
    case 'list':
      return element(
        block.isOrdered ? 'ol' : 'ul',
        null,
        block.items.map((item) => element('li', null, inline(item))),
      );
    case 'quote':
      return element('blockquote', null, [element('p', null, inline(block.children))]);
    case 'code':
      return element('pre', null, [element('code', null, [block.text])]);
    case 'rule':
      return element('hr', null, []);
    default:
      return null;
  }
}

export interface MarkdownTextProps {
  source: string;
  /** The heading level a "#" or "##" of the text becomes (the section around it holds the higher ones). */
  topLevel?: 2 | 3 | 4 | 5;
  /** Renders `[[term]]` links (the glossary); without it they show as written. */
  wikiLink?: WikiLinkRenderer;
}

/** Meeting notes written in Markdown, shown formatted; built as React elements, never as HTML. */
export function MarkdownText({ source, topLevel = 4, wikiLink }: MarkdownTextProps) {
  const content = useMemo(
    () => parseMarkdown(source).map((block) => renderBlock(block, topLevel, wikiLink)),
    [source, topLevel, wikiLink],
  );
  return element('div', { className: styles.markdown ?? '' }, content);
}

/** One line of plain text (an agenda item's title) with its web addresses made links; no other Markdown. */
export function LinkedText({ text }: { text: string }) {
  const content = useMemo(() => linkify(text).map((node) => renderInline(node)), [text]);
  return createElement('span', null, ...content);
}
