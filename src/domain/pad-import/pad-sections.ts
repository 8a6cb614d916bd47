/** Cutting the pad into sections, each a heading and the lines up to the next heading. */

import { inlineLine, type PadLine } from './pad-lines.ts';
import type { SectionKind } from './section-headings.ts';

/** A section's kind; 'item' is a shared-notes section about one agenda item. */
export type SectionRole = SectionKind | 'item' | 'preamble';

export interface SectionStart {
  kind: SectionKind | 'item';
  text: string;
  inline: string | null;
  /** For 'item': the agenda item's position. */
  itemIndex: number | null;
}

export interface PadSection {
  role: SectionRole;
  heading: PadLine | null;
  /** The heading's words, markers removed. */
  headingText: string | null;
  itemIndex: number | null;
  /** The content; text after the heading's colon comes first, as a line of its own. */
  lines: PadLine[];
}

/** Where a line opens a section, or null when it is content. */
export type HeadingClassifier = (line: PadLine) => SectionStart | null;

/**
 * Sections in the pad's order, the first being the preamble (possibly empty). Unrecognised
 * headings met before anything else fill the preamble's title and subtitle slots: "# Cercle
 * Codev" opening a pad is its title, not a section.
 */
export function splitSections(lines: readonly PadLine[], classify: HeadingClassifier): PadSection[] {
  const preamble: PadSection = {
    role: 'preamble',
    heading: null,
    headingText: null,
    itemIndex: null,
    lines: [],
  };
  const sections = [preamble];
  let current = preamble;
  let preambleTexts = 0;
  for (const line of lines) {
    const start = classify(line);
    const isTitleSlot = start?.kind === 'other' && current === preamble && preambleTexts < 2;
    if (start && !isTitleSlot) {
      current = toSection(start, line);
      sections.push(current);
      continue;
    }
    current.lines.push(line);
    if (current === preamble && !line.isBlank) preambleTexts++;
  }
  return sections;
}

function toSection(start: SectionStart, heading: PadLine): PadSection {
  return {
    role: start.kind,
    heading,
    headingText: start.text,
    itemIndex: start.itemIndex,
    lines: start.inline === null ? [] : [inlineLine(start.inline, heading.index)],
  };
}
