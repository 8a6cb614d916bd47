/** A pad's text as lines: line endings, BOM, indentation, list markers and emphasis dealt with once. */

export type BulletKind = 'dash' | 'star' | 'plus' | 'dot' | 'number';

export interface PadLine {
  /** Position in the input, from 0. */
  index: number;
  /** The line as written, without its line break, BOM or trailing spaces. */
  raw: string;
  /** Width of the leading whitespace, a tab counting as four columns. */
  indent: number;
  bullet: BulletKind | null;
  /** A Markdown task-list box (`- [ ]`, `- [x]`) after the bullet. */
  checkbox: 'open' | 'checked' | null;
  /** The text after the indentation, the bullet and the task box, trimmed. */
  body: string;
  /** No text: an empty line, or a bullet with nothing after it. */
  isBlank: boolean;
}

const bulletMarkers: Record<string, BulletKind> = {
  '-': 'dash',
  '–': 'dash',
  '*': 'star',
  '+': 'plus',
  '•': 'dot',
  '◦': 'dot',
  '▪': 'dot',
  '‣': 'dot',
};
const symbolBullet = /^([-*+\u2013\u2022\u2023\u25AA\u25E6])(?:\s+|$)/u;
// Up to two digits: "2021. Bilan" is a year, not the 2021st item.
const numberBullet = /^\d{1,2}[.)](?:\s+|$)/;
const taskBox = /^\[([ xX])\]\s*/;
// Pads copy-pasted from word processors carry no-break and zero-width spaces.
const invisible = /\uFEFF|\u200B|\u200C|\u200D|\u2060/g;

export function splitPadLines(text: string): PadLine[] {
  return text.split(/\r\n|\r|\n/).map((source, index) => readLine(source, index));
}

/** A line built from text found after a heading's colon ("Participants : Nadia, Camille"). */
export function inlineLine(text: string, index: number): PadLine {
  return readLine(text, index);
}

function readLine(source: string, index: number): PadLine {
  // trimEnd, not /[\s\u00A0]+$/: that pattern restarts at every blank of a long run and the line
  // costs the square of its length (a 150 KB import held the server for 10 s).
  const raw = source.replace(invisible, '').trimEnd();
  const content = raw.replace(/^[ \t\u00A0]+/u, '');
  const indent = measureIndent(raw.slice(0, raw.length - content.length));
  const { bullet, rest } = readBullet(content);
  const box = taskBox.exec(bullet ? rest : '');
  const body = (box ? rest.slice(box[0].length) : rest).trim();
  return {
    index,
    raw,
    indent,
    bullet,
    checkbox: box ? (box[1] === ' ' ? 'open' : 'checked') : null,
    body,
    isBlank: body.length === 0,
  };
}

function measureIndent(whitespace: string): number {
  let width = 0;
  for (const character of whitespace) width += character === '\t' ? 4 : 1;
  return width;
}

function readBullet(content: string): { bullet: BulletKind | null; rest: string } {
  const symbol = symbolBullet.exec(content);
  if (symbol?.[1])
    return { bullet: bulletMarkers[symbol[1]] ?? 'dash', rest: content.slice(symbol[0].length) };
  const number = numberBullet.exec(content);
  if (number) return { bullet: 'number', rest: content.slice(number[0].length) };
  return { bullet: null, rest: content };
}

/** Text without Markdown bold and italic markers: "**A :**" gives "A :". */
export function stripEmphasis(text: string): string {
  if (!text.includes('*') && !text.includes('_')) return text.trim();
  return text
    .replace(/\*\*/g, '')
    .replace(/(^|[\s(])__(?=\S)|(?<=\S)__(?=$|[\s).,;:!?])/g, '$1')
    .replace(/(^|[\s(])[*_](?=\S)([^*_]*?\S)[*_](?=$|[\s).,;:!?])/g, '$1$2')
    .trim();
}

/** The text of a line as a reader sees it: no bullet, no task box, no emphasis. */
export function plainText(line: PadLine): string {
  return stripEmphasis(line.body);
}

/**
 * The text without a closing mark (a colon by default) and the blanks before it: "Participants :"
 * gives "Participants". Written out because /\s*:$/ retries from every blank of a long run.
 */
export function withoutClosingMark(text: string, marks = ':'): string {
  const last = text.at(-1);
  return last !== undefined && marks.includes(last) ? text.slice(0, -1).trimEnd() : text;
}

/** The text without a Markdown closing sequence ("Titre ##" gives "Titre"), the hashes only after a blank. */
export function withoutClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end === text.length || end === 0 || !/\s/.test(text[end - 1] ?? '')) return text;
  return text.slice(0, end).trimEnd();
}
