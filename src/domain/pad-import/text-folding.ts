/** Forms of French text for comparison: accents, case, typographic apostrophes and punctuation folded. */

const nonAscii = /[\u0080-\uFFFF]/;
const combiningMarks = /\p{M}+/gu;
const ligatures: Record<string, string> = { œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE' };

/** Lower case without accents; punctuation kept, so dates and times stay readable. */
export function foldCase(text: string): string {
  // Most lines are plain ASCII: decomposing them would only cost time.
  if (!nonAscii.test(text)) return text.toLowerCase().replace(/`/g, "'");
  return text
    .replace(/[œŒæÆ]/g, (letter) => ligatures[letter] ?? letter)
    .normalize('NFD')
    .replace(combiningMarks, '')
    .toLowerCase()
    .replace(/[’ʼ‘`]/g, "'");
}

/** Lower-case words without accents, separated by single spaces: "Excusé·es :" gives "excuse es". */
export function foldText(text: string): string {
  return foldCase(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Typographic apostrophes as ASCII ones, so patterns written with `'` match what pads contain. */
export function plainApostrophes(text: string): string {
  return text.replace(/[’ʼ‘]/g, "'");
}
