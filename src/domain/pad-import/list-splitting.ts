/** Lists written on one line: "Nadia, Camille et Marion", "Altérité, Apprendre ensemble (Apprenance)". */

/**
 * The items of a comma or semicolon list, trimmed and non-empty. Commas inside brackets belong to
 * their item; `splitOnAnd` also splits on " et " and " & " outside brackets (lists of names).
 */
export function splitList(text: string, splitOnAnd = false): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let position = 0; position < text.length; position++) {
    const character = text[position];
    if (character === '(' || character === '[') depth++;
    else if ((character === ')' || character === ']') && depth > 0) depth--;
    else if (depth === 0 && (character === ',' || character === ';')) {
      items.push(text.slice(start, position));
      start = position + 1;
    } else if (depth === 0 && splitOnAnd && isLastBlank(text, position)) {
      // Tried from the last blank before a word only: from each blank of a long run it would cost
      // a slice and a match per character, and give the same items once trimmed.
      const end = conjunctionEnd(text, position);
      if (end !== null) {
        items.push(text.slice(start, position));
        start = end;
        position = end - 1;
      }
    }
  }
  items.push(text.slice(start));
  return items.map((item) => item.trim()).filter((item) => item.length > 0);
}

function isLastBlank(text: string, position: number): boolean {
  return /\s/.test(text[position] ?? '') && !/\s/.test(text[position + 1] ?? 'x');
}

/** Where " et " or " & " at `position` ends, with the blanks that follow it; null if there is none. */
function conjunctionEnd(text: string, position: number): number | null {
  const conjunction = /^\s(?:et|&)\s/i.exec(text.slice(position, position + 4));
  if (!conjunction) return null;
  let end = position + conjunction[0].length;
  while (end < text.length && /\s/.test(text[end] ?? '')) end++;
  return end;
}
