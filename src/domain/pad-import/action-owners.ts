/** Who owns a next step, read from how the notes name them ("Envoyer le CR (Camille)", "Nadia rédige…"). */

import { splitList } from './list-splitting.ts';
import type { NameDirectory } from './name-directory.ts';
import { looksLikeWrittenOwner } from './person-names.ts';
import { foldText, plainApostrophes } from './text-folding.ts';

export interface OwnedText {
  /** The action without its owner markers; a sentence whose subject is the owner stays whole. */
  title: string;
  ownerNames: string[];
}

// Longer lines are paragraphs, not next steps; the bound also keeps the patterns linear.
const maxOwnedLength = 400;
const trailingOwners = /^(.*?\S)\s*(?:[([]([^()[\]]{1,80})[)\]]|(?:→|->|=>)\s*([^→>]{1,80}?))\s*\.?$/;
const leadingOwners = /^([^:]{1,60}?)\s*:\s*(\S.*)$/;
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
  const trailing = trailingOwners.exec(written);
  const trailingNames = ownerList(trailing?.[2] ?? trailing?.[3], directory);
  if (trailing?.[1] && trailingNames) {
    return {
      title: original.slice(0, trailing[1].length).replace(/\s*[-–—:]$/, ''),
      ownerNames: trailingNames,
    };
  }
  const leading = leadingOwners.exec(written);
  const leadingNames = ownerList(leading?.[1], directory, startsWithVerb(leading?.[2] ?? ''));
  if (leading?.[2] && leadingNames) {
    return { title: original.slice(original.length - leading[2].length), ownerNames: leadingNames };
  }
  return { title: original, ownerNames: leadingSubject(written, directory) };
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
