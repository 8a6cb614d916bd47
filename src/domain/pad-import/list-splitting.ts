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
    } else if (depth === 0 && splitOnAnd) {
      const conjunction = /^\s+(?:et|&)\s+/i.exec(text.slice(position, position + 6));
      if (conjunction && /\s/.test(character ?? '')) {
        items.push(text.slice(start, position));
        start = position + conjunction[0].length;
        position = start - 1;
      }
    }
  }
  items.push(text.slice(start));
  return items.map((item) => item.trim()).filter((item) => item.length > 0);
}
