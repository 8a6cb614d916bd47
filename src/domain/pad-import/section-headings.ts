/** Which lines open a section of the notes, and what kind of section each one opens. */

import { type PadLine, stripEmphasis, withoutClosingHashes, withoutClosingMark } from './pad-lines.ts';
import { foldText } from './text-folding.ts';

export type SectionKind =
  | 'participants'
  | 'excused'
  | 'agenda'
  | 'notes'
  | 'synthesis'
  | 'actions'
  | 'announcements'
  | 'other';

export interface SectionHeading {
  kind: SectionKind;
  /** The heading's words, markers removed: "SYNTHESE", "Ordre du jour". */
  text: string;
  /** What followed the heading's colon on the same line ("Participants : Nadia, Camille"). */
  inline: string | null;
  /** Set apart by Markdown `#`, bold or capitals rather than recognised by its words alone. */
  isMarked: boolean;
}

// Folded forms: "Présent·es" reads "present es", "Excusé(e)s" reads "excuse e s".
const inclusive = '(?: ?e)?(?: ?e?s)?';
const keywords: [SectionKind, RegExp][] = [
  [
    'participants',
    new RegExp(`^(?:les )?(?:participant|present)${inclusive}$|^(?:etaient presents?|presences?)$`),
  ],
  ['excused', new RegExp(`^(?:absent${inclusive} )?excuse${inclusive}$`)],
  ['agenda', /^(?:ordre du jour|odj|programme|au programme|deroule|deroulement)$/],
  [
    'notes',
    /^(?:notes?(?: communes| partagees| de (?:la )?(?:seance|reunion))?|prise de notes|compte rendu)$/,
  ],
  ['synthesis', /^(?:en )?synthese$|^(?:synthese des echanges|a retenir|conclusions?)$/],
  [
    'actions',
    /^(?:prochains? pas|prochaines etapes|to ?do(?: list)?|a faire|actions?|plan d actions?|suites a donner|qui fait quoi)$/,
  ],
  ['announcements', /^(?:a communiquer|annonces?|a diffuser)$/],
];
const wholeBold = /^(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?$/;

/** The heading a line is, or null when the line is content. */
export function readHeading(line: PadLine): SectionHeading | null {
  if (line.isBlank || line.bullet !== null || line.indent > 3) return null;
  const markdown = markdownHeadingText(line.body);
  const bold = markdown === null ? wholeBold.exec(line.body) : null;
  const text = stripEmphasis(markdown ?? bold?.[1] ?? line.body);
  const isMarked = markdown !== null || bold !== null || isCapitalsLine(text);
  const known = readKeywordHeading(text);
  if (known) return { ...known, isMarked };
  if (isMarked && text.length > 0)
    return { kind: 'other', text: withoutClosingMark(text), inline: null, isMarked };
  return null;
}

/**
 * The words of a Markdown heading ("## Ordre du jour ##" gives "Ordre du jour"), or null. Read by
 * hand: /^#{1,6}\s+(.*?)(?:\s+#+)?$/ tries the closing blanks from every position of a long run.
 */
function markdownHeadingText(body: string): string | null {
  let level = 0;
  while (body[level] === '#') level++;
  if (level === 0 || level > 6 || !/\s/.test(body[level] ?? '')) return null;
  return withoutClosingHashes(body.slice(level).trimStart());
}

function readKeywordHeading(text: string): Omit<SectionHeading, 'isMarked'> | null {
  const colon = text.indexOf(':');
  const key = colon === -1 ? text : text.slice(0, colon);
  const kind = keywordKind(key);
  if (kind === null) return null;
  const inline = colon === -1 ? '' : text.slice(colon + 1).trim();
  return { kind, text: key.trim(), inline: inline.length > 0 ? inline : null };
}

/** The kind a heading's words name, or null when they name none. */
export function keywordKind(text: string): SectionKind | null {
  if (text.length > 60) return null;
  const folded = foldText(text);
  for (const [kind, pattern] of keywords) if (pattern.test(folded)) return kind;
  return null;
}

// "SYNTHESE", "PROCHAINS PAS": a short line of capitals is a heading in plain-text pads. Fewer than
// five letters is an acronym standing alone ("REX", "ABCD"), not a heading.
function isCapitalsLine(text: string): boolean {
  if (text.length > 80) return false;
  const letters = text.match(/\p{L}/gu) ?? [];
  return letters.length >= 5 && !/\p{Ll}/u.test(text) && !/^\s*[\d[(]/.test(text);
}
