/** The participants section: one name per line or several per line, with their attendance. */

import type { ImportedParticipant } from './imported-session.ts';
import { splitList } from './list-splitting.ts';
import { type PadLine, plainText } from './pad-lines.ts';
import { looksLikePersonName, toDisplayCase } from './person-names.ts';
import { foldText } from './text-folding.ts';

export interface ParticipantsReading {
  participants: ImportedParticipant[];
  /** Lines that are not lists of names ("12 personnes en visio"). */
  unplaced: PadLine[];
}

// A closing full stop, but not an initial's: "Franck W." keeps it.
const finalStop = /(?<!(?:^|[\s,;])\p{Lu})\.$/u;
// Found from its first blank, the name before it and the detail after it are cut by hand: the
// pattern /^(.*?)\s+[-–—]\s+(.+)$/ retried its blanks from every position of a long run.
const detailDash = /\s[-–—]\s/;

export function readParticipants(
  lines: readonly PadLine[],
  status: ImportedParticipant['status'],
): ParticipantsReading {
  const participants: ImportedParticipant[] = [];
  const unplaced: PadLine[] = [];
  for (const line of lines) {
    if (line.isBlank) continue;
    const entries = splitList(plainText(line).replace(finalStop, ''), true).map((entry) =>
      readEntry(entry, status),
    );
    if (entries.length > 0 && entries.every((entry) => entry !== null)) {
      for (const entry of entries) participants.push(entry);
    } else unplaced.push(line);
  }
  return { participants, unplaced };
}

/** "Nadia Benali (CNFPT)", "Julie Chabaud - excusée", "Bernard ALIX". */
function readEntry(text: string, status: ImportedParticipant['status']): ImportedParticipant | null {
  const detailed = bracketedDetail(text) ?? dashedDetail(text);
  const name = (detailed?.[0] ?? text).trim();
  const detail = detailed?.[1].trim() || null;
  if (!looksLikePersonName(name) && !isLowerCaseName(name)) return null;
  const isExcused = status === 'excused' || (detail !== null && /\b(?:excuse|absent)/.test(foldText(detail)));
  return { name: toDisplayCase(name), status: isExcused ? 'excused' : 'present', detail };
}

/** "Nadia Benali (CNFPT)": the name and what the last brackets, closing the entry, hold. */
function bracketedDetail(text: string): [string, string] | null {
  const end = text.endsWith('.') ? text.length - 1 : text.length;
  const close = text[end - 1];
  if (close !== ')' && close !== ']') return null;
  const open = Math.max(text.lastIndexOf('(', end - 2), text.lastIndexOf('[', end - 2));
  const inside = text.slice(open + 1, end - 1);
  if (open === -1 || /[()[\]]/.test(inside)) return null;
  return [text.slice(0, open), inside];
}

/** "Julie Chabaud - excusée": the name and what follows the first dash set apart by blanks. */
function dashedDetail(text: string): [string, string] | null {
  const dash = detailDash.exec(text);
  if (!dash) return null;
  const detail = text.slice(dash.index + dash[0].length);
  return detail.trim().length > 0 ? [text.slice(0, dash.index), detail] : null;
}

/** Pads often list people in lower case ("léa dupuis"); longer lower-case text is a sentence. */
function isLowerCaseName(name: string): boolean {
  return (
    name === name.toLowerCase() && name.split(/\s+/).length <= 3 && looksLikePersonName(toDisplayCase(name))
  );
}
