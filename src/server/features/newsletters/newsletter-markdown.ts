import { type Block, type Inline, isSafeHref, parseMarkdown } from '../../../domain/markdown.ts';

/**
 * A letter's Markdown as HTML and as plain text, from the same tree the web renders
 * (domain/markdown.ts). The HTML is sanitised by construction: every character of the input is
 * escaped, only this file's tags are written, and a link keeps its address only when it is
 * http(s) or mailto. It feeds the mail (a `markup` block) and the Atom feed's content.
 */

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function inlineHtml(nodes: Inline[]): string {
  return nodes.map(nodeHtml).join('');
}

function nodeHtml(node: Inline): string {
  switch (node.kind) {
    case 'text':
      return escapeHtml(node.text);
    case 'strong':
      return `<strong>${inlineHtml(node.children)}</strong>`;
    case 'em':
      return `<em>${inlineHtml(node.children)}</em>`;
    case 'code':
      return `<code>${escapeHtml(node.text)}</code>`;
    case 'link':
      return isSafeHref(node.href)
        ? `<a href="${escapeHtml(node.href)}">${inlineHtml(node.children)}</a>`
        : inlineHtml(node.children);
    case 'wiki':
      return escapeHtml(node.term);
    case 'break':
      return '<br>';
  }
}

function inlineText(nodes: Inline[]): string {
  return nodes.map(nodeText).join('');
}

function nodeText(node: Inline): string {
  switch (node.kind) {
    case 'text':
    case 'code':
      return node.text;
    case 'strong':
    case 'em':
      return inlineText(node.children);
    case 'link': {
      const label = inlineText(node.children);
      return isSafeHref(node.href) && label !== node.href ? `${label} (${node.href})` : label;
    }
    case 'wiki':
      return node.term;
    case 'break':
      return '\n';
  }
}

/** Headings start at h2: the letter's subject is its title. */
function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'heading': {
      const level = Math.min(6, block.level + 1);
      return `<h${level}>${inlineHtml(block.children)}</h${level}>`;
    }
    case 'paragraph':
      return `<p>${inlineHtml(block.children)}</p>`;
    case 'list': {
      const tag = block.isOrdered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${inlineHtml(item)}</li>`).join('')}</${tag}>`;
    }
    case 'quote':
      return `<blockquote><p>${inlineHtml(block.children)}</p></blockquote>`;
    case 'code':
      return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
    case 'rule':
      return '<hr>';
  }
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return inlineText(block.children).toUpperCase();
    case 'paragraph':
      return inlineText(block.children);
    case 'list':
      return block.items
        .map((item, index) => `${block.isOrdered ? `${index + 1}.` : '-'} ${inlineText(item)}`)
        .join('\n');
    case 'quote':
      return `> ${inlineText(block.children)}`;
    case 'code':
      return block.text;
    case 'rule':
      return '---';
  }
}

export function markdownToHtml(source: string): string {
  return parseMarkdown(source).map(blockHtml).join('\n');
}

export function markdownToText(source: string): string {
  return parseMarkdown(source).map(blockText).join('\n\n');
}

export { escapeHtml };
