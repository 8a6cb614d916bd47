/** Finding which participant a name written in the notes designates ("Bernard" is Bernard Alix). */

import { toDisplayCase } from './person-names.ts';
import { foldText } from './text-folding.ts';

export interface NameDirectory {
  /** The full name of the one participant the written name designates, or null. */
  find(written: string): string | null;
  /** The participant's full name when one matches, else the name as written, in display case. */
  resolve(written: string): string;
}

export function createNameDirectory(fullNames: readonly string[]): NameDirectory {
  const byFullName = new Map<string, string>();
  const byFirstName = new Map<string, string[]>();
  const byLastName = new Map<string, string[]>();
  for (const name of fullNames) {
    const words = name.split(/\s+/);
    byFullName.set(foldText(name), name);
    addTo(byFirstName, foldText(words[0] ?? ''), name);
    if (words.length > 1) addTo(byLastName, foldText(words.slice(1).join(' ')), name);
  }
  const find = (written: string): string | null => {
    const folded = foldText(written);
    if (folded.length === 0) return null;
    const full = byFullName.get(folded);
    if (full) return full;
    if (/\s/.test(written.trim())) return null;
    // A first name wins over a surname; either must point at exactly one person.
    return only(byFirstName.get(folded)) ?? (byFirstName.has(folded) ? null : only(byLastName.get(folded)));
  };
  return { find, resolve: (written) => find(written) ?? toDisplayCase(written.trim()) };
}

function addTo(map: Map<string, string[]>, key: string, name: string): void {
  if (key.length === 0) return;
  const names = map.get(key);
  if (names) names.push(name);
  else map.set(key, [name]);
}

function only(names: string[] | undefined): string | null {
  return names?.length === 1 ? (names[0] ?? null) : null;
}
