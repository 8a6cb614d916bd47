/**
 * The Markdown that meeting notes use (pads, imported sessions, the shared notes' export): headings,
 * lists, quotes, rules, code, bold, italics, inline code and links. Read into a small tree that
 * the web renders as React elements, never as HTML: nothing in the text can become markup. It is
 * in the domain because the server renders the same tree for newsletters (mail and Atom feed).
 *
 * Linear in the input's length whatever it holds: blocks are read line by line, and inline marks
 * in one left-to-right pass where each "where is the next closing mark" answer is kept until the
 * scan passes it, so a line of ten thousand unmatched `**` or `[` is read once, not squared.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: Inline[] }
  /** `[[Autre terme]]`: a glossary entry named by its term (shown as written where nothing resolves it). */
  | { kind: 'wiki'; term: string }
  | { kind: 'break' };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; isOrdered: boolean; items: Inline[][] }
  | { kind: 'quote'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' };

/** Bold inside a link inside italics is as deep as notes go; deeper marks stay as text. */
const MAX_DEPTH = 3;

/** Only these open from a note: no `javascript:`, `data:` or relative surprises. */
export function isSafeHref(href: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(href);
}

/** A bare web address in running text (stops at spaces and at characters that cannot end one). */
const bareUrl = /https?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than the address before it. */
const trailing = /[.,;:!?)\]}»*_]+$/;

/**
 * Plain text with its bare http(s) addresses made links ("voir https://framadate.org/abc.").
 * Linear: one regex pass without nested quantifiers.
 */
export function linkify(text: string): Inline[] {
  const nodes: Inline[] = [];
  let last = 0;
  bareUrl.lastIndex = 0;
  for (let match = bareUrl.exec(text); match; match = bareUrl.exec(text)) {
    let href = match[0];
    const cut = trailing.exec(href);
    // A ")" closes the address when it opened inside it: (https://fr.wikipedia.org/wiki/X_(Y)).
    if (cut) href = href.slice(0, cut.index);
    if (cut?.[0].startsWith(')') && href.includes('(')) href += ')';
    if (href.length <= 'https://'.length) continue;
    if (match.index > last) nodes.push({ kind: 'text', text: text.slice(last, match.index) });
    nodes.push({ kind: 'link', href, children: [{ kind: 'text', text: href }] });
    last = match.index + href.length;
    bareUrl.lastIndex = last;
  }
  if (last < text.length) nodes.push({ kind: 'text', text: text.slice(last) });
  return nodes;
}

/** Caches the next index of each closing mark at or after the scan position. */
function nextFinder(text: string) {
  const cache = new Map<string, number>();
  return (mark: string, from: number): number => {
    const known = cache.get(mark);
    // -1 was found from an earlier position: there is none further on either.
    if (known !== undefined && (known === -1 || known >= from)) return known;
    const found = text.indexOf(mark, from);
    cache.set(mark, found);
    return found;
  };
}

export function parseInline(text: string, depth = 0, inLink = false): Inline[] {
  if (depth >= MAX_DEPTH) return text ? [{ kind: 'text', text }] : [];
  const nodes: Inline[] = [];
  const next = nextFinder(text);
  let plain = '';
  // Bare addresses become links, except inside a link's own text (no link in a link).
  const flush = () => {
    if (plain) nodes.push(...(inLink ? [{ kind: 'text', text: plain } as const] : linkify(plain)));
    plain = '';
  };
  // Runs of plain text are copied whole, up to the next character that may open a mark.
  const marks = /[*_`[]/g;
  let i = 0;
  while (i < text.length) {
    marks.lastIndex = i;
    const stop = marks.exec(text)?.index ?? text.length;
    if (stop > i) {
      plain += text.slice(i, stop);
      i = stop;
      continue;
    }
    const char = text[i] ?? '';
    const pair = text.slice(i, i + 2);
    if (pair === '**' || pair === '__') {
      const close = next(pair, i + 2);
      if (close > i + 2) {
        flush();
        nodes.push({ kind: 'strong', children: parseInline(text.slice(i + 2, close), depth + 1, inLink) });
        i = close + 2;
        continue;
      }
      plain += pair;
      i += 2;
      continue;
    }
    if (char === '*' || char === '_') {
      const close = next(char, i + 1);
      // "_" inside a word (snake_case, a_b) is not emphasis.
      const isWordUnderscore = char === '_' && /\w/.test(text[i - 1] ?? '');
      if (close > i + 1 && !isWordUnderscore && text[i + 1] !== ' ') {
        flush();
        nodes.push({ kind: 'em', children: parseInline(text.slice(i + 1, close), depth + 1, inLink) });
        i = close + 1;
        continue;
      }
    } else if (char === '`') {
      const close = next('`', i + 1);
      if (close > i + 1) {
        flush();
        nodes.push({ kind: 'code', text: text.slice(i + 1, close) });
        i = close + 1;
        continue;
      }
    } else if (pair === '[[') {
      const close = next(']]', i + 2);
      const term = close > i + 2 ? text.slice(i + 2, close) : '';
      if (term.trim() && term.length <= 200 && !/[[\]\n]/.test(term)) {
        flush();
        nodes.push({ kind: 'wiki', term: term.trim() });
        i = close + 2;
        continue;
      }
    }
    if (char === '[') {
      const close = next(']', i + 1);
      const end = close > i && text[close + 1] === '(' ? next(')', close + 2) : -1;
      const href = end > close ? text.slice(close + 2, end).trim() : '';
      if (end > close && isSafeHref(href) && !/\s/.test(href)) {
        flush();
        nodes.push({ kind: 'link', href, children: parseInline(text.slice(i + 1, close), depth + 1, true) });
        i = end + 1;
        continue;
      }
    }
    plain += char;
    i += 1;
  }
  flush();
  return nodes;
}

/** Lines of a paragraph keep their breaks: notes are written line by line. */
function paragraph(lines: string[]): Inline[] {
  return lines.flatMap((line, index): Inline[] =>
    index === 0 ? parseInline(line) : [{ kind: 'break' }, ...parseInline(line)],
  );
}

const headingLine = /^(#{1,6})[ \t]+(.*)$/;
const bulletLine = /^[ \t]*[-*+•][ \t]+(.*)$/;
const numberLine = /^[ \t]*\d{1,9}[.)][ \t]+(.*)$/;

/** "---", "* * *", "___": three or more of one mark and nothing else (checked without a regex that could backtrack). */
function isRule(line: string): boolean {
  const marks = line.replace(/[ \t]/g, '');
  return marks.length >= 3 && /^[-*_]$/.test(marks[0] ?? '') && marks.split(marks[0] ?? '').join('') === '';
}

/** A closing run of "#" and spaces is decoration ("## Titre ##"). */
function trimClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '#' || text[end - 1] === ' ' || text[end - 1] === '\t')) end -= 1;
  return text.slice(0, end);
}

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let buffer: string[] = [];
  let list: { isOrdered: boolean; items: Inline[][] } | null = null;
  let quote: string[] = [];
  const close = () => {
    if (buffer.length) blocks.push({ kind: 'paragraph', children: paragraph(buffer) });
    if (list) blocks.push({ kind: 'list', ...list });
    if (quote.length) blocks.push({ kind: 'quote', children: paragraph(quote) });
    buffer = [];
    list = null;
    quote = [];
  };
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (/^[ \t]*```/.test(line)) {
      close();
      const code: string[] = [];
      index += 1;
      while (index < lines.length && !/^[ \t]*```/.test(lines[index] ?? '')) {
        code.push(lines[index] ?? '');
        index += 1;
      }
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    if (line.trim() === '') {
      close();
      continue;
    }
    const heading = headingLine.exec(line);
    if (heading) {
      close();
      const level = Math.min(heading[1]?.length ?? 1, 6) as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ kind: 'heading', level, children: parseInline(trimClosingHashes(heading[2] ?? '')) });
      continue;
    }
    if (isRule(line)) {
      close();
      blocks.push({ kind: 'rule' });
      continue;
    }
    const item = bulletLine.exec(line) ?? numberLine.exec(line);
    if (item) {
      const isOrdered = !bulletLine.test(line);
      if (!list || list.isOrdered !== isOrdered) {
        close();
        list = { isOrdered, items: [] };
      }
      list.items.push(parseInline(item[1] ?? ''));
      continue;
    }
    if (line.startsWith('>')) {
      if (!quote.length) close();
      quote.push(line.replace(/^>[ \t]?/, ''));
      continue;
    }
    // A line right under a list item continues it; otherwise a new paragraph begins.
    if (list) {
      const last = list.items.at(-1);
      if (last && /^[ \t]+/.test(line)) {
        last.push({ kind: 'break' }, ...parseInline(line.trim()));
        continue;
      }
      close();
    }
    if (quote.length) close();
    buffer.push(line);
  }
  close();
  return blocks;
}
