/** How many author colours the notes have (classes `author0` … `author7` in the notes' CSS). */
export const AUTHOR_COLOURS = 8;

/** A person's colour in the notes, the same on every screen and every visit: a hash of their id. */
export function authorColour(key: string): number {
  // FNV-1a, its high bits folded in: the low bits alone of a plain hash repeat too often.
  let hash = 0x811c9dc5;
  for (const char of key) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619);
  hash ^= hash >>> 16;
  return (hash >>> 0) % AUTHOR_COLOURS;
}

/** A colour index read from someone else's awareness state: anything but 0…7 is colour 0. */
export function safeColour(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < AUTHOR_COLOURS
    ? value
    : 0;
}

/** A name read from someone else's awareness state, bounded (it is shown as text, never as markup). */
export function safeName(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 80) : '';
}
