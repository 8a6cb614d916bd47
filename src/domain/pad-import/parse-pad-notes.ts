/**
 * Meeting notes written in a pad (Etherpad, HedgeDoc: plain text with light Markdown) read into a
 * structured session. Nothing is lost: every line with text ends up in a field of the result, and
 * the lines that fit none are both kept in the general notes and listed in `unplaced`.
 *
 * Every step is linear in the length of the text: patterns are written so that no run of blanks
 * or marks is retried from each of its positions (the tests in parse-pad-notes-limits.test.ts
 * time each shape at two sizes), and lines longer than `maxReadLineLength` are not read at all.
 */

import { readActions } from './actions.ts';
import { emptyImportedSession, type ImportedParticipant, type ImportedSession } from './imported-session.ts';
import { readListEntries } from './list-entries.ts';
import { createNameDirectory, type NameDirectory } from './name-directory.ts';
import { joinBlocks, toMarkdown } from './notes-text.ts';
import { readPadLayout } from './pad-layout.ts';
import { inlineLine, type PadLine, splitPadLines } from './pad-lines.ts';
import type { PadSection } from './pad-sections.ts';
import { readParticipants } from './participants.ts';
import { readPreamble } from './preamble.ts';
import { foldText } from './text-folding.ts';
import { findVotes } from './votes.ts';

/** What the sections add up to while they are read in the pad's order. */
interface Reading {
  session: ImportedSession;
  directory: NameDirectory;
  /** Lines of the participants sections that are no names, by section. */
  participantLeftovers: Map<PadSection, PadLine[]>;
  generalBlocks: string[];
  itemBlocks: string[][];
}

/**
 * Longer lines are no heading, name, item or next step: they are kept as written, at the end of
 * the general notes, and listed in `unplaced`. Ten thousand characters is some 1,500 words, far
 * more than any paragraph of meeting notes, and bounds what each line costs the patterns.
 */
export const maxReadLineLength = 10_000;

/** Never throws: any text gives a session, empty fields for an empty text. */
export function parsePadNotes(text: string): ImportedSession {
  const allLines = splitPadLines(text);
  const tooLong = allLines.filter((line) => line.raw.length > maxReadLineLength);
  // Left blank in their place, so that the lines around them keep their index and do not merge.
  const lines =
    tooLong.length === 0
      ? allLines
      : allLines.map((line) => (line.raw.length > maxReadLineLength ? inlineLine('', line.index) : line));
  const layout = readPadLayout(lines);
  const session = emptyImportedSession();
  session.agenda = layout.agenda;
  const participantLeftovers = readAllParticipants(layout.sections, session);
  const reading: Reading = {
    session,
    directory: createNameDirectory(session.participants.map((participant) => participant.name)),
    participantLeftovers,
    generalBlocks: [],
    itemBlocks: layout.agenda.map(() => []),
  };
  for (const section of layout.sections) readSection(section, reading);
  keepUnplaced(layout.agendaUnplaced, reading);
  keepUnplaced(tooLong, reading);
  session.agenda.forEach((item, index) => {
    item.notes = joinBlocks(reading.itemBlocks[index] ?? []);
  });
  session.notes = joinBlocks(reading.generalBlocks);
  return session;
}

/** Participants come first: owners named anywhere are resolved against all of them. */
function readAllParticipants(
  sections: readonly PadSection[],
  session: ImportedSession,
): Map<PadSection, PadLine[]> {
  const leftovers = new Map<PadSection, PadLine[]>();
  const seen = new Set<string>();
  for (const section of sections) {
    if (section.role !== 'participants' && section.role !== 'excused') continue;
    const reading = readParticipants(section.lines, section.role === 'excused' ? 'excused' : 'present');
    leftovers.set(section, reading.unplaced);
    for (const participant of reading.participants) addParticipant(participant, session, seen);
  }
  return leftovers;
}

function addParticipant(participant: ImportedParticipant, session: ImportedSession, seen: Set<string>): void {
  const key = foldText(participant.name);
  if (seen.has(key)) return;
  seen.add(key);
  session.participants.push(participant);
}

function readSection(section: PadSection, reading: Reading): void {
  const { session } = reading;
  if (section.headingText !== null) session.headings.push(section.headingText);
  switch (section.role) {
    case 'preamble':
      readPreambleSection(section, reading);
      break;
    case 'participants':
    case 'excused':
      keepUnplaced(reading.participantLeftovers.get(section) ?? [], reading);
      break;
    case 'agenda':
      // Its items were read with the pad's layout; what follows them is a section of its own.
      break;
    case 'synthesis':
      append(session.synthesis, readListEntries(section.lines));
      break;
    case 'announcements':
      append(session.announcements, readListEntries(section.lines));
      break;
    case 'actions':
      append(session.actions, readActions(section.lines, reading.directory));
      break;
    case 'item':
      readItemSection(section, reading);
      break;
    case 'notes':
    case 'other':
      readGeneralSection(section, reading);
  }
}

function readPreambleSection(section: PadSection, reading: Reading): void {
  const preamble = readPreamble(section.lines);
  reading.session.title = preamble.title;
  reading.session.subtitle = preamble.subtitle;
  reading.session.date = preamble.date;
  reading.session.dateText = preamble.dateText;
  keepUnplaced(preamble.rest, reading);
}

function readItemSection(section: PadSection, reading: Reading): void {
  const item = reading.session.agenda[section.itemIndex ?? -1];
  const blocks = reading.itemBlocks[section.itemIndex ?? -1];
  if (!item || !blocks) {
    readGeneralSection(section, reading);
    return;
  }
  blocks.push(toMarkdown(section.lines));
  append(reading.session.votes, findVotes(section.lines, item.title));
}

/** Notes about no agenda item; an unrecognised heading stays in them, as written. */
function readGeneralSection(section: PadSection, reading: Reading): void {
  const lines =
    section.role === 'other' && section.heading ? [section.heading, ...section.lines] : section.lines;
  reading.generalBlocks.push(toMarkdown(lines));
  append(reading.session.votes, findVotes(lines, null));
}

function keepUnplaced(lines: readonly PadLine[], reading: Reading): void {
  if (lines.length === 0) return;
  const texts = lines.map((line) => line.raw.trim());
  append(reading.session.unplaced, texts);
  reading.generalBlocks.push(texts.join('\n'));
}

// `push(...items)` passes every item as an argument: a pad of 200,000 bullets would overflow the stack.
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
