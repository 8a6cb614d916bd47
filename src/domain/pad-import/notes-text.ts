/** Note lines back to Markdown, as written. */

import type { PadLine } from './pad-lines.ts';

/** The lines as written, runs of blank lines made one, none at either end. */
export function toMarkdown(lines: readonly PadLine[]): string {
  const kept: string[] = [];
  for (const line of lines) {
    const isBlank = line.raw.trim().length === 0;
    if (isBlank && (kept.length === 0 || kept.at(-1) === '')) continue;
    kept.push(isBlank ? '' : line.raw);
  }
  while (kept.at(-1) === '') kept.pop();
  return kept.join('\n');
}

/** Markdown blocks one after the other, separated by a blank line; empty blocks are skipped. */
export function joinBlocks(blocks: readonly string[]): string {
  return blocks.filter((block) => block.length > 0).join('\n\n');
}
