/** Recognising, in the shared notes, the heading that names an agenda item. */

import { stripEmphasis, withoutClosingMark } from './pad-lines.ts';
import { foldText } from './text-folding.ts';
import { readLeadingTimeRange } from './time-range.ts';

/** The index of the agenda item a heading names, or null. */
export type AgendaTitleMatcher = (text: string, isMarked: boolean) => number | null;

const stopWords = new Set('le la les de des du un une et en au aux sur pour'.split(' '));
// A line that merely looks like a heading must say nearly the same words as the item's title;
// a Markdown or bold heading may say fewer ("## Météo" for "Un tour de météo").
const plainLineThreshold = 0.8;
const markedHeadingThreshold = 0.6;
const maxHeadingLength = 200;
// Beyond this many items only exact titles are matched: a pathological agenda must not make
// every line of the notes cost a pass over all its titles.
const maxFuzzyItems = 150;

export function createAgendaTitleMatcher(titles: readonly string[]): AgendaTitleMatcher {
  const exact = new Map<string, number>();
  titles.forEach((title, index) => {
    const key = foldText(headingWords(title));
    if (key.length > 0 && !exact.has(key)) exact.set(key, index);
  });
  const index = titles.length > maxFuzzyItems ? null : indexWords(titles);
  // A plain line much longer than every title is a paragraph: it cannot reach the plain threshold.
  const maxPlainLength = 2 * titles.reduce((longest, title) => Math.max(longest, title.length), 0) + 20;
  return (text, isMarked) => {
    if (text.length > maxHeadingLength) return null;
    const words = foldText(headingWords(text));
    const found = exact.get(words);
    if (found !== undefined) return found;
    if (index === null || (!isMarked && words.length > maxPlainLength)) return null;
    return closestTitle(keyWords(words), index, isMarked ? markedHeadingThreshold : plainLineThreshold);
  };
}

/** The heading's words without numbering, times, emphasis or a closing colon. */
function headingWords(text: string): string {
  const bare = stripEmphasis(text)
    .replace(/^(?:\d{1,2}|[IVX]{1,4})[.)]\s+/, '')
    .trim();
  const timed = readLeadingTimeRange(bare);
  return withoutClosingMark(timed?.rest ?? bare);
}

/** The words that tell titles apart, from folded text. */
function keyWords(folded: string): Set<string> {
  return new Set(folded.split(' ').filter((word) => word.length > 1 && !stopWords.has(word)));
}

interface WordIndex {
  /** Each title's number of key words. */
  sizes: number[];
  /** For each word, the titles that contain it. */
  titlesByWord: Map<string, number[]>;
  /** Shared-word counts, reused from line to line so that matching allocates nothing per title. */
  counts: Uint16Array;
}

function indexWords(titles: readonly string[]): WordIndex {
  const titlesByWord = new Map<string, number[]>();
  const sizes = titles.map((title, position) => {
    const words = keyWords(foldText(title));
    for (const word of words) {
      const holders = titlesByWord.get(word);
      if (holders) holders.push(position);
      else titlesByWord.set(word, [position]);
    }
    return words.size;
  });
  return { sizes, titlesByWord, counts: new Uint16Array(titles.length) };
}

/**
 * The title sharing most words with the heading (Dice overlap), or null when none is close enough
 * or two tie. A marked heading whose words all belong to a title counts as close ("## Météo").
 */
function closestTitle(words: Set<string>, index: WordIndex, threshold: number): number | null {
  const touched: number[] = [];
  for (const word of words) {
    for (const title of index.titlesByWord.get(word) ?? []) {
      if (index.counts[title] === 0) touched.push(title);
      index.counts[title] = (index.counts[title] ?? 0) + 1;
    }
  }
  let best: number | null = null;
  let bestScore = threshold;
  let isTie = false;
  for (const title of touched) {
    const score = similarity(index.counts[title] ?? 0, words.size, index.sizes[title] ?? 0, threshold);
    index.counts[title] = 0;
    if (score < bestScore) continue;
    isTie = score === bestScore && best !== null;
    if (score > bestScore || best === null) {
      best = title;
      bestScore = score;
    }
  }
  return isTie ? null : best;
}

function similarity(shared: number, headingSize: number, titleSize: number, threshold: number): number {
  const dice = (2 * shared) / (headingSize + titleSize);
  const isPart = threshold < plainLineThreshold && shared === headingSize;
  return isPart ? Math.max(dice, markedHeadingThreshold) : dice;
}
