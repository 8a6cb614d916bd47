import { createElement, type ReactNode, useMemo } from 'react';
import { type Block, type Inline, parseMarkdown } from '../lib/markdown.ts';
import styles from './markdown-text.module.css';

// Children are passed as createElement's arguments: a static list from the parser, no keys needed.
const element = (tag: string, props: Record<string, string> | null, children: ReactNode[]) =>
  createElement(tag, props, ...children);

function renderInline(node: Inline): ReactNode {
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'strong':
    case 'em':
      return element(node.kind, null, node.children.map(renderInline));
    case 'code':
      return element('code', null, [node.text]);
    case 'break':
      return element('br', null, []);
    case 'link':
      // The parser keeps only http(s) and mailto addresses; the page's CSP does the rest.
      return element(
        'a',
        { href: node.href, rel: 'noopener noreferrer nofollow', target: '_blank' },
        node.children.map(renderInline),
      );
    default:
      return null;
  }
}

function renderBlock(block: Block, topLevel: number): ReactNode {
  switch (block.kind) {
    case 'heading':
      // "#" in notes is a part of the notes, below the section that shows them.
      return element(
        `h${Math.min(6, topLevel + Math.max(0, block.level - 2))}`,
        { className: styles.heading ?? '' },
        block.children.map(renderInline),
      );
    case 'paragraph':
      return element('p', null, block.children.map(renderInline));
    case 'list':
      return element(
        block.isOrdered ? 'ol' : 'ul',
        null,
        block.items.map((item) => element('li', null, item.map(renderInline))),
      );
    case 'quote':
      return element('blockquote', null, [element('p', null, block.children.map(renderInline))]);
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
  topLevel?: 3 | 4 | 5;
}

/** Meeting notes written in Markdown, shown formatted; built as React elements, never as HTML. */
export function MarkdownText({ source, topLevel = 4 }: MarkdownTextProps) {
  const content = useMemo(
    () => parseMarkdown(source).map((block) => renderBlock(block, topLevel)),
    [source, topLevel],
  );
  return element('div', { className: styles.markdown ?? '' }, content);
}
