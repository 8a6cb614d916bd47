/** Sections that are plain lists of statements: the synthesis, the announcements. */

import { type PadLine, plainText } from './pad-lines.ts';

/**
 * One entry per bullet ("-", "+", "*"…) or unbulleted line; an unbulleted line indented under a
 * bullet continues that bullet's entry.
 */
export function readListEntries(lines: readonly PadLine[]): string[] {
  const entries: string[] = [];
  let bulletIndent: number | null = null;
  for (const line of lines) {
    if (line.isBlank) {
      bulletIndent = null;
      continue;
    }
    const text = plainText(line);
    const last = entries.length - 1;
    if (line.bullet === null && bulletIndent !== null && line.indent > bulletIndent && last >= 0) {
      entries[last] = `${entries[last]} ${text}`;
      continue;
    }
    entries.push(text);
    bulletIndent = line.bullet === null ? null : line.indent;
  }
  return entries;
}
