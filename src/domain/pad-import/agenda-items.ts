/** The agenda section: time-boxed items, each with the sub-items written under it. */

import type { ImportedAgendaItem } from './imported-session.ts';
import { type PadLine, plainText, withoutClosingMark } from './pad-lines.ts';
import { readTimeRange, type TimedText } from './time-range.ts';

export interface AgendaReading {
  items: ImportedAgendaItem[];
  /** Lines met before any item ("Animation : Nadia"): kept, but they are no item. */
  unplaced: PadLine[];
  /**
   * Where the agenda stops inside its section: an unmarked paragraph after a blank line is the
   * start of the notes in pads that skip the "Notes communes" heading. Equal to the line count
   * when the agenda fills its section.
   */
  end: number;
}

interface ItemDraft {
  item: ImportedAgendaItem;
  indent: number;
  isBulleted: boolean;
  /** Neither bulleted nor timed: one of a list of bare lines ("Météo", "Cas de Nadia"). */
  isBare: boolean;
}

type LineRole = 'item' | 'child' | 'intro' | 'end';

/** A line's text and time range, read once. */
interface AgendaLine {
  line: PadLine;
  text: string;
  timed: TimedText | null;
}

export function readAgenda(lines: readonly PadLine[]): AgendaReading {
  const drafts: ItemDraft[] = [];
  const unplaced: PadLine[] = [];
  let isAfterBlank = false;
  for (const [position, line] of lines.entries()) {
    if (line.isBlank) {
      isAfterBlank = true;
      continue;
    }
    const read = readAgendaLine(line);
    const current = drafts.at(-1);
    const role = current ? lineRole(read, current, isAfterBlank) : firstLineRole(read, lines, position);
    if (role === 'end') return { items: drafts.map((draft) => draft.item), unplaced, end: position };
    if (role === 'intro') unplaced.push(line);
    else if (role === 'child' && current) current.item.children.push(read.text);
    else drafts.push(toDraft(read));
    isAfterBlank = false;
  }
  return { items: drafts.map((draft) => draft.item), unplaced, end: lines.length };
}

function readAgendaLine(line: PadLine): AgendaLine {
  const text = plainText(line);
  return { line, text, timed: readTimeRange(text) };
}

/** "Proposé par Nadia :" above a list introduces the agenda; a bare line above bare lines is an item. */
function firstLineRole(
  { line, text, timed }: AgendaLine,
  lines: readonly PadLine[],
  position: number,
): LineRole {
  if (line.bullet !== null || timed) return 'item';
  if (text.endsWith(':')) return 'intro';
  let next: PadLine | undefined;
  for (let after = position + 1; after < lines.length && !next; after++) {
    if (!lines[after]?.isBlank) next = lines[after];
  }
  if (next === undefined || next.indent > line.indent) return 'item';
  return next.bullet !== null || readTimeRange(plainText(next)) !== null ? 'intro' : 'item';
}

function lineRole({ line, timed }: AgendaLine, current: ItemDraft, isAfterBlank: boolean): LineRole {
  if (line.indent > current.indent) return 'child';
  if (timed) return 'item';
  // Under an unbulleted item ("9h30 - 9h45 : Accueil"), bullets at the same depth are its sub-items.
  if (line.bullet !== null) return current.isBulleted ? 'item' : 'child';
  if (!isAfterBlank) return current.isBare ? 'item' : 'child';
  return 'end';
}

function toDraft({ line, text, timed }: AgendaLine): ItemDraft {
  const title = withoutClosingMark(timed?.rest ?? text);
  return {
    item: {
      title: title.length > 0 ? title : text,
      startTime: timed?.range.start ?? null,
      endTime: timed?.range.end ?? null,
      children: [],
      notes: '',
    },
    indent: line.indent,
    isBulleted: line.bullet !== null,
    isBare: line.bullet === null && timed === null,
  };
}
