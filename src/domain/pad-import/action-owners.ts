/** Who owns a next step, read from how the notes name them ("Envoyer le CR (Camille)", "Nadia rédige…"). */

import { splitList } from './list-splitting.ts';
import type { NameDirectory } from './name-directory.ts';
import { withoutClosingMark } from './pad-lines.ts';
import { looksLikeWrittenOwner } from './person-names.ts';
import { foldText, plainApostrophes } from './text-folding.ts';

export interface OwnedText {
  /** The action without its owner markers; a sentence whose subject is the owner stays whole. */
  title: string;
  ownerNames: string[];
}

// Longer lines are paragraphs, not next steps; the bound also keeps the patterns linear.
const maxOwnedLength = 400;
const maxOwnersLength = 80;
const assignVerbs = String.raw`(?:(?:est|sont)\s+)?(?:ok|d'accord|partant(?:e)?s?)\s+pour|s'occupe(?:nt)?\s+de|se\s+charge(?:nt)?\s+de|prend(?:nent)?\s+en\s+charge`;
const assignTargets = String.raw`ces\s+points|ce\s+point|ces\s+sujets|ces\s+actions|tout\s+ça|cela|ça|ca|ceux-ci|celles-ci`;
const assignment = new RegExp(
  String.raw`^(.{1,80}?)\s+(?:${assignVerbs})\s(?:.{0,120}?\s)?(?:${assignTargets})\s*[.!]*$|^(.{1,80}?)\s+s'en\s+(?:occupe|charge)(?:nt)?\s*[.!]*$`,
  'iu',
);
// Verbs a guest's first name is followed by when the notes give them a task ("Marion envoie…").
const guestVerbs = new Set(
  (
    'nous vous se va vont doit doivent peut peuvent fait font prend prennent met mettent ok ' +
    'envoie envoient redige redigent prepare preparent propose proposent contacte contactent ' +
    'organise organisent relance relancent lance lancent ecrit ecrivent partage partagent ' +
    'transmet transmettent verifie verifient anime animent regarde regardent reserve reservent ' +
    'invite invitent presente presentent cree creent finalise finalisent complete completent ' +
    "planifie planifient appelle appellent diffuse diffusent reprend reprennent s'occupe s'en"
  ).split(' '),
);

// Subjects that open sentences and name no one: "On va relancer", "Chacun prépare".
const sentenceSubjects = new Set(
  (
    'on il elle ils elles nous vous je tu tout tous toutes chacun chacune personne quelqu un ' +
    'qui ce cela ceci le la les'
  ).split(' '),
);

const infinitivesInRe = new Set(
  (
    'faire refaire ecrire reecrire prendre reprendre mettre transmettre soumettre rendre lire relire ' +
    'dire construire produire inscrire decrire suivre poursuivre conduire traduire'
  ).split(' '),
);

/** The action a line states and its owners, from brackets, a leading "Name :" or a leading subject. */
export function readOwnedAction(text: string, directory: NameDirectory): OwnedText {
  const original = text.trim();
  // Patterns are written with ASCII apostrophes; the one-for-one replacement keeps positions, so
  // titles are cut from the text as written.
  const written = plainApostrophes(original);
  if (written.length > maxOwnedLength) return { title: original, ownerNames: [] };
  const trailing = trailingOwners(written);
  const trailingNames = ownerList(trailing?.owners, directory);
  if (trailing && trailingNames) {
    return {
      title: withoutClosingMark(original.slice(0, trailing.before.length), '-–—:'),
      ownerNames: trailingNames,
    };
  }
  const leading = leadingOwners(written);
  const leadingNames = ownerList(leading?.owners, directory, startsWithVerb(leading?.rest ?? ''));
  if (leading && leadingNames) {
    return { title: original.slice(original.length - leading.rest.length), ownerNames: leadingNames };
  }
  return { title: original, ownerNames: leadingSubject(written, directory) };
}

/**
 * Owners closing the text, in brackets ("Envoyer le CR (Camille)") or after an arrow ("… -> Camille"),
 * and the text before them. Cut by hand rather than by a pattern with a lazy start, which tried
 * every position against every length of owners. When both shapes fit, the earlier cut wins:
 * "Relancer -> Marie (CNFPT)" is for "Marie (CNFPT)".
 */
function trailingOwners(text: string): { before: string; owners: string } | null {
  const bracketed = bracketedOwners(text);
  const arrowed = arrowedOwners(text);
  if (bracketed && arrowed) return arrowed.before.length < bracketed.before.length ? arrowed : bracketed;
  return bracketed ?? arrowed;
}

/** "Marion : envoyer le lien": up to 60 characters before the first colon, and text after it. */
function leadingOwners(text: string): { owners: string; rest: string } | null {
  const colon = text.indexOf(':');
  const owners = text.slice(0, Math.max(colon, 0)).trimEnd();
  const rest = text.slice(colon + 1).trimStart();
  return owners.length > 0 && owners.length <= 60 && rest.length > 0 ? { owners, rest } : null;
}

/** Text, then blanks, a bracket, up to 80 characters and no bracket, its closing one and a full stop. */
function bracketedOwners(text: string): { before: string; owners: string } | null {
  const end = (text.endsWith('.') ? text.slice(0, -1) : text).trimEnd().length;
  const close = text[end - 1];
  if (close !== ')' && close !== ']') return null;
  const open = Math.max(text.lastIndexOf('(', end - 2), text.lastIndexOf('[', end - 2));
  const owners = text.slice(open + 1, end - 1);
  if (open === -1 || owners.length === 0 || owners.length > maxOwnersLength || /[()[\]]/.test(owners))
    return null;
  const before = text.slice(0, open).trimEnd();
  return before.length > 0 ? { before, owners } : null;
}

/** Text, then an arrow (→, ->, =>) and up to 80 characters without another arrow head. */
function arrowedOwners(text: string): { before: string; owners: string } | null {
  const head = Math.max(text.lastIndexOf('>'), text.lastIndexOf('→'));
  if (head === -1) return null;
  const isArrow = text[head] === '→' || text[head - 1] === '-' || text[head - 1] === '=';
  if (!isArrow) return null;
  const rest = text.slice(head + 1);
  const owners = (rest.endsWith('.') ? rest.slice(0, -1) : rest).trim();
  if (owners.length === 0 || owners.length > maxOwnersLength) return null;
  const before = text.slice(0, text[head] === '→' ? head : head - 1).trimEnd();
  return before.length > 0 ? { before, owners } : null;
}

/**
 * The owners a line such as "Bernard OK pour travailler sur ces points." gives to the list above
 * it, or null when the line is not such an assignment.
 */
export function readOwnerAssignment(text: string, directory: NameDirectory): string[] | null {
  const written = plainApostrophes(text.trim());
  if (written.length > 240) return null;
  const match = assignment.exec(written);
  return ownerList(match?.[1] ?? match?.[2], directory);
}

/**
 * Resolved names when every item of the list reads as a person, else null. Names no participant
 * bears count only when `allowGuests`: "Évaluation : questionnaire en ligne" names no one.
 */
function ownerList(text: string | undefined, directory: NameDirectory, allowGuests = true): string[] | null {
  if (text === undefined) return null;
  const names = splitList(text, true);
  if (names.length === 0) return null;
  const isEveryonePerson = names.every(
    (name) => directory.find(name) !== null || (allowGuests && looksLikeWrittenOwner(name)),
  );
  return isEveryonePerson ? names.map((name) => directory.resolve(name)) : null;
}

/** "Florent nous envoie…", "Nadia et Camille préparent…": participants, or a guest before a verb. */
function leadingSubject(text: string, directory: NameDirectory): string[] {
  const words = text.split(/\s+/).slice(0, 12);
  const owners: string[] = [];
  let position = 0;
  while (position < words.length) {
    const pair = `${words[position]} ${words[position + 1] ?? ''}`.replace(/,$/, '');
    const single = (words[position] ?? '').replace(/,$/, '');
    const full = directory.find(pair);
    const known = full ?? directory.find(single);
    const next = words[position + (full ? 2 : 1)] ?? '';
    const isGuest = known === null && isGuestName(single) && guestVerbs.has(foldedVerb(next));
    if (known === null && !isGuest) break;
    owners.push(known ?? directory.resolve(single));
    position += full ? 2 : 1;
    if (/^(?:et|&)$/i.test(words[position] ?? '')) position++;
    else if (!single.endsWith(',') || full) break;
  }
  const verb = words[position] ?? '';
  return owners.length > 0 && /^[\p{Ll}]|^OK$/u.test(verb) ? owners : [];
}

/** A capitalised word opening a sentence may be a guest's first name, unless it is "On", "Chacun"… */
function isGuestName(word: string): boolean {
  return looksLikeWrittenOwner(word) && !sentenceSubjects.has(foldText(word));
}

/** "proposer la date", "faire le point", "envoie le lien": a task rather than a topic. */
function startsWithVerb(text: string): boolean {
  const word = foldedVerb(text.split(/\s+/)[0] ?? '');
  return (
    /^\p{Ll}/u.test(text) && (/(?:er|ir)$/.test(word) || infinitivesInRe.has(word) || guestVerbs.has(word))
  );
}

function foldedVerb(word: string): string {
  return word.startsWith("s'") ? `s'${foldText(word.slice(2))}` : foldText(word);
}
