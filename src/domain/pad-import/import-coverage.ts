/** The "nothing lost" check: every word of a pad must be found somewhere in what it imported to. */

import type { ImportedSession } from './imported-session.ts';
import { foldCase } from './text-folding.ts';

// Words the structure itself consumes: "de 9h30 à 9h45", "Nadia et Camille : …", "9h30 au 10h".
const structureWords = new Set(['de', 'du', 'des', 'au', 'aux', 'et']);

/**
 * Words of the pad (accents and case folded, single characters and structure words ignored) that
 * appear in no text of the imported session. Empty when the import kept everything.
 */
export function missingWords(text: string, session: ImportedSession): string[] {
  const found = new Set(wordsOf(collectTexts(session).join('\n')));
  return [...new Set(wordsOf(text))].filter((word) => !found.has(word) && !structureWords.has(word));
}

function wordsOf(text: string): string[] {
  // Letters and digits apart: "12h00" must be found in "12:00". Emphasis markers go first, as
  // the import drops them: "mot**gras**" is read "motgras".
  // Invisible characters go too, as the import drops them: "h\u200Bez" is read "hez".
  return (foldCase(text.replace(/[*_\uFEFF\u200B-\u200D\u2060]/g, '')).match(/\p{L}+|\p{N}+/gu) ?? []).filter(
    (word) => word.length > 1,
  );
}

function collectTexts(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectTexts(item, into);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) collectTexts(item, into);
  return into;
}
