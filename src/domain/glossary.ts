/**
 * The abécédaire: a community's glossary, proposed, voted letter by letter, defined together and
 * published. Pure rules shared by the server and the web.
 */

/** proposed → selected (by a vote or an animator) → published; archived from any of them. */
export const glossaryStatuses = ['proposed', 'selected', 'published', 'archived'] as const;
export type GlossaryStatus = (typeof glossaryStatuses)[number];

/** Everyone who can see the community reads these; the others are for its members. */
export const publicGlossaryStatuses: readonly GlossaryStatus[] = ['selected', 'published'];

/** Letters that are not folded into A–Z: ligatures and a few letters NFD leaves whole. */
const unfoldable: Record<string, string> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  ı: 'i',
};

/**
 * The text with accents and ligatures folded, lower case, spaces collapsed: "Œuvre  Écoute" →
 * "oeuvre ecoute". Two terms with the same fold are the same term; searches compare folds.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[œæßøđłı]/g, (letter) => unfoldable[letter] ?? letter)
    .replace(/\s+/g, ' ')
    .trim();
}

/** The letter a term is filed under: A–Z after folding ("Écoute" → E, "Œuvre" → O), else `#`. */
export function letterOf(term: string): string {
  const first = foldText(term).charAt(0).toUpperCase();
  return /^[A-Z]$/.test(first) ? first : '#';
}

/** The index's letters in order: A–Z, then `#` for digits and symbols. */
export const glossaryLetters: readonly string[] = [
  ...Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i)),
  '#',
];

/** `[[Autre terme]]` in a definition or an argumentaire: the terms linked, in order, once each. */
export function wikiLinks(text: string): string[] {
  const found = new Map<string, string>();
  for (const match of text.matchAll(/\[\[([^[\]\n]{1,200})\]\]/g)) {
    const term = match[1]?.trim() ?? '';
    const key = foldText(term);
    if (key && !found.has(key)) found.set(key, term);
  }
  return [...found.values()];
}

/** Sources link out only over http(s): never `javascript:`, `data:` or a relative path. */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The terms a vote selects in one letter: the `perLetter` most voted, and when the cut falls in a
 * tie, every term tied at the cut (`tied` says so). A term nobody voted for is never selected.
 */
export function selectTop<T extends { count: number }>(
  options: readonly T[],
  perLetter: number,
): { selected: T[]; tied: boolean } {
  const voted = [...options].filter((option) => option.count > 0).sort((a, b) => b.count - a.count);
  const cut = voted[perLetter - 1];
  if (!cut || voted.length <= perLetter) return { selected: voted, tied: false };
  const selected = voted.filter((option) => option.count >= cut.count);
  return { selected, tied: selected.length > perLetter };
}
