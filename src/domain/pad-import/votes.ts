/** Vote results written in the notes: per-section lists ("A : Altérité, Apprendre ensemble, Archipel"). */

import type { ImportedVote } from './imported-session.ts';
import { splitList } from './list-splitting.ts';
import { type PadLine, plainText, withoutClosingMark } from './pad-lines.ts';
import { foldText } from './text-folding.ts';

type VoteSection = ImportedVote['sections'][number];

// Only a list announced as a vote is one: the same shape also writes "Points forts :" lists.
const voteWords = /\b(?:vote[sr]?|votee?s?|votent|scrutin|resultats? du sondage)\b/;
const labelLine = /^([^:]{1,24}?)\s*:\s*(.*)$/;

/**
 * The votes in a run of note lines. `sectionTitle` names the votes of an agenda item's notes;
 * elsewhere a vote takes the line that announces it for title.
 */
export function findVotes(lines: readonly PadLine[], sectionTitle: string | null): ImportedVote[] {
  const votes: ImportedVote[] = [];
  for (let position = 0; position < lines.length; position++) {
    const line = lines[position];
    if (!line || line.isBlank || line.body.length > 200 || !voteWords.test(foldText(line.body))) continue;
    const { sections, next } = readVoteList(lines, position + 1);
    if (sections.length === 0) continue;
    votes.push({ title: sectionTitle ?? withoutClosingMark(plainText(line)), sections });
    position = next - 1;
  }
  return votes;
}

/** Sections from `start`: "**A :**" with the options below it, or "A : x, y, z" on one line. */
function readVoteList(lines: readonly PadLine[], start: number): { sections: VoteSection[]; next: number } {
  const sections: VoteSection[] = [];
  let current: (VoteSection & { indent: number }) | null = null;
  let firstBullet: PadLine['bullet'] | undefined;
  let isAfterBlank = false;
  let position = start;
  for (; position < lines.length; position++) {
    const line = lines[position];
    if (!line) break;
    if (line.isBlank) {
      isAfterBlank = true;
      continue;
    }
    if (current && line.indent > current.indent) {
      current.options.push(plainText(line));
      continue;
    }
    // After a blank line, only a label bulleted like the first one carries the list on: one-line
    // sections ("A : x, y") followed by a blank line are over, the next "Codev : 12 inscrits" is prose.
    if (current && isAfterBlank && (line.bullet !== firstBullet || firstBullet === null)) break;
    const label = labelLine.exec(plainText(line));
    if (!label?.[1] || /https?$/i.test(label[1])) break;
    // A label with no option under it: not a vote list, and stopping keeps the scan linear.
    if (current && current.options.length === 0) break;
    if (current) sections.push(stripIndent(current));
    current = { label: label[1], options: splitList(label[2] ?? ''), indent: line.indent };
    firstBullet ??= line.bullet;
    isAfterBlank = false;
  }
  if (current && current.options.length > 0) sections.push(stripIndent(current));
  return { sections, next: position };
}

function stripIndent(section: VoteSection & { indent: number }): VoteSection {
  return { label: section.label, options: section.options };
}
