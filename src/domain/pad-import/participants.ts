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

const bracketedDetail = /^(.*?)\s*[([]([^()[\]]*)[)\]]\.?$/;
// A closing full stop, but not an initial's: "Franck W." keeps it.
const finalStop = /(?<!(?:^|[\s,;])\p{Lu})\.$/u;
const dashedDetail = /^(.*?)\s+[-–—]\s+(.+)$/;

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
    if (entries.length > 0 && entries.every((entry) => entry !== null)) participants.push(...entries);
    else unplaced.push(line);
  }
  return { participants, unplaced };
}

/** "Nadia Benali (CNFPT)", "Julie Chabaud - excusée", "Bernard ALIX". */
function readEntry(text: string, status: ImportedParticipant['status']): ImportedParticipant | null {
  const detailed = bracketedDetail.exec(text) ?? dashedDetail.exec(text);
  const name = (detailed?.[1] ?? text).trim();
  const detail = detailed?.[2]?.trim() || null;
  if (!looksLikePersonName(name) && !isLowerCaseName(name)) return null;
  const isExcused = status === 'excused' || (detail !== null && /\b(?:excuse|absent)/.test(foldText(detail)));
  return { name: toDisplayCase(name), status: isExcused ? 'excused' : 'present', detail };
}

/** Pads often list people in lower case ("léa dupuis"); longer lower-case text is a sentence. */
function isLowerCaseName(name: string): boolean {
  return (
    name === name.toLowerCase() && name.split(/\s+/).length <= 3 && looksLikePersonName(toDisplayCase(name))
  );
}
