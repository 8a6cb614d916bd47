/** People's names as pads write them: recognising one, and putting it in display case. */

const particles = new Set([
  'de',
  'du',
  'des',
  'le',
  'la',
  'van',
  'von',
  'der',
  'den',
  'di',
  'da',
  'del',
  'ben',
  'el',
]);
const nameWord = /^[\p{L}][\p{L}'’.-]*$/u;

/**
 * "Bernard ALIX" gives "Bernard Alix", "florent merlet" gives "Florent Merlet"; words already in
 * mixed case are kept as written ("Sandrine Demoulin-Noirclerc", "Jean-Marc de La Tour").
 */
export function toDisplayCase(name: string): string {
  return name
    .split(/(\s+)/)
    .map((word, position) => (isSingleCase(word) ? capitalise(word, position === 0) : word))
    .join('');
}

function isSingleCase(word: string): boolean {
  const hasLetters = word.toLowerCase() !== word.toUpperCase();
  return hasLetters && word.length > 1 && (word === word.toUpperCase() || word === word.toLowerCase());
}

function capitalise(word: string, isFirst: boolean): string {
  const lower = word.toLowerCase();
  if (!isFirst && particles.has(lower) && word === lower) return lower;
  // Each part of "DEMOULIN-NOIRCLERC" or "D'ALMEIDA" takes its capital.
  return lower.replace(
    /(^|[-'’])(\p{L})/gu,
    (_, mark: string, letter: string) => mark + letter.toUpperCase(),
  );
}

/**
 * Whether the text reads as one person's name: a few words of letters, each capitalised but for
 * particles ("Jean-Marc de La Tour", "Paulo d'Almeida"). "Bonne énergie malgré la chaleur" is a sentence.
 */
export function looksLikePersonName(text: string, maxWords = 5): boolean {
  if (text.length < 2 || text.length > 60) return false;
  const words = text.split(/\s+/);
  if (words.length > maxWords || !/^\p{Lu}/u.test(text)) return false;
  return words.every(
    (word) => nameWord.test(word) && (particles.has(word) || /^(?:\p{Lu}|[dl]['’]\p{Lu})/u.test(word)),
  );
}

/**
 * Stricter, for a name found inside a sentence ("Envoyer le CR (Camille)"): one to three words,
 * each capitalised unless a particle, and no acronym ("REX", "CNFPT").
 */
export function looksLikeWrittenOwner(text: string): boolean {
  if (!looksLikePersonName(text, 3)) return false;
  return text.split(/\s+/).every((word) => {
    if (particles.has(word)) return true;
    return /^\p{Lu}/u.test(word) && (word.length === 1 || /\p{Ll}/u.test(word) || word.endsWith('.'));
  });
}
