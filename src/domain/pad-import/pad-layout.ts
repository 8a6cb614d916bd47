/**
 * The pad's structure in two passes. The first finds the agenda; the second, knowing the agenda's
 * titles, also recognises the shared-notes headings that repeat them ("Retour sur le Cercle des
 * cercles" is a plain line, a heading only because the agenda names it).
 */

import { readAgenda } from './agenda-items.ts';
import { type AgendaTitleMatcher, createAgendaTitleMatcher } from './agenda-title-matching.ts';
import type { ImportedAgendaItem } from './imported-session.ts';
import { type PadLine, plainText } from './pad-lines.ts';
import { type HeadingClassifier, type PadSection, type SectionStart, splitSections } from './pad-sections.ts';
import { readHeading, type SectionHeading } from './section-headings.ts';
import { readLeadingTimeRange } from './time-range.ts';

export interface PadLayout {
  sections: PadSection[];
  agenda: ImportedAgendaItem[];
  /** Agenda lines that are no item, such as an introduction. */
  agendaUnplaced: PadLine[];
}

/** Lines from `from` (the agenda heading) up to `to`, excluded, belong to the agenda itself. */
interface AgendaSpan {
  from: number;
  to: number;
}

export function readPadLayout(lines: readonly PadLine[]): PadLayout {
  // Both passes ask each line whether it is a heading: read it once.
  const headings = lines.map((line) => readHeading(line));
  const byHeadingAlone: HeadingClassifier = (line) => {
    const heading = headings[line.index];
    return heading ? { ...heading, itemIndex: null } : null;
  };
  const firstPass = splitSections(lines, byHeadingAlone);
  const { agenda, agendaUnplaced, spans } = readAgendaSections(firstPass, headings);
  const classify = withAgendaTitles(agenda, spans, byHeadingAlone, lines.length);
  const spanByHeading = new Map(spans.map((span) => [span.from, span]));
  const sections = splitSections(lines, classify).flatMap((section) => cutAgendaTail(section, spanByHeading));
  return { sections, agenda, agendaUnplaced };
}

function readAgendaSections(
  sections: readonly PadSection[],
  headings: readonly (SectionHeading | null)[],
): Omit<PadLayout, 'sections'> & { spans: AgendaSpan[] } {
  const agendaSections = sections.filter((section) => section.role === 'agenda');
  const agenda: ImportedAgendaItem[] = [];
  const agendaUnplaced: PadLine[] = [];
  const spans: AgendaSpan[] = [];
  for (const section of agendaSections) {
    const reading = readAgenda(section.lines);
    for (const item of reading.items) agenda.push(item);
    for (const line of reading.unplaced) agendaUnplaced.push(line);
    const from = section.heading?.index ?? 0;
    const to = section.lines[reading.end]?.index ?? (section.lines.at(-1)?.index ?? from) + 1;
    spans.push({ from, to });
  }
  if (agendaSections.length === 0) for (const item of timedHeadingItems(headings)) agenda.push(item);
  return { agenda, agendaUnplaced, spans };
}

/** Without an "Ordre du jour", timed headings ("## 9h30 - Accueil") are the agenda. */
function timedHeadingItems(headings: readonly (SectionHeading | null)[]): ImportedAgendaItem[] {
  const items: ImportedAgendaItem[] = [];
  for (const heading of headings) {
    const timed = heading?.kind === 'other' ? readLeadingTimeRange(heading.text) : null;
    if (!timed || timed.rest.length === 0) continue;
    items.push({
      title: timed.rest,
      startTime: timed.range.start,
      endTime: timed.range.end,
      children: [],
      notes: '',
    });
  }
  return items;
}

function withAgendaTitles(
  agenda: readonly ImportedAgendaItem[],
  spans: readonly AgendaSpan[],
  byHeadingAlone: HeadingClassifier,
  lineCount: number,
): HeadingClassifier {
  const match = createAgendaTitleMatcher(agenda.map((item) => item.title));
  const notesFrom = spans[0]?.from ?? 0;
  // One flag per line: spans never overlap, so marking them costs no more than the pad's length.
  const isInAgenda = new Uint8Array(lineCount);
  for (const span of spans) isInAgenda.fill(1, span.from + 1, Math.min(span.to, lineCount));
  return (line) => {
    const heading = byHeadingAlone(line);
    if (isInAgenda[line.index] === 1 || agenda.length === 0 || line.index < notesFrom) return heading;
    if (heading && heading.kind !== 'other') return heading;
    if (heading) return itemHeading(match(heading.text, true), heading.text, null) ?? heading;
    if (line.bullet !== null || line.indent > 1 || line.isBlank) return null;
    return itemHeading(match(line.body, false), plainText(line), null) ?? titledParagraph(line, match);
  };
}

function itemHeading(itemIndex: number | null, text: string, inline: string | null): SectionStart | null {
  return itemIndex === null ? null : { kind: 'item', text, inline, itemIndex };
}

/** "Inclusion : chacun dit un mot…": a paragraph opening with an item's title is about that item. */
function titledParagraph(line: PadLine, match: AgendaTitleMatcher): SectionStart | null {
  const text = plainText(line);
  const colon = text.indexOf(':');
  if (colon < 1 || colon > 80) return null;
  const title = text.slice(0, colon).trim();
  const rest = text.slice(colon + 1).trim();
  return itemHeading(match(title, false), title, rest.length > 0 ? rest : null);
}

/** The lines after an agenda's last item are notes, though no heading says so. */
function cutAgendaTail(section: PadSection, spanByHeading: ReadonlyMap<number, AgendaSpan>): PadSection[] {
  const span = section.role === 'agenda' ? spanByHeading.get(section.heading?.index ?? -1) : undefined;
  if (span === undefined) return [section];
  const tailStart = section.lines.findIndex((line) => line.index >= span.to);
  if (tailStart === -1) return [section];
  const tail: PadSection = {
    role: 'notes',
    heading: null,
    headingText: null,
    itemIndex: null,
    lines: section.lines.slice(tailStart),
  };
  return [{ ...section, lines: section.lines.slice(0, tailStart) }, tail];
}
