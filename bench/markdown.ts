/**
 * Markdown reading time of the session page's notes on hostile inputs, doubling their size: a
 * linear reader takes about twice as long for twice the text; a quadratic one, four times.
 * Prints milliseconds per size and the ratio between the two largest.
 */
import { parseMarkdown } from '../src/domain/markdown.ts';

const shapes: Record<string, (n: number) => string> = {
  'unclosed **': (n) => '**a '.repeat(n / 4),
  'unclosed [': (n) => '['.repeat(n),
  'link-ish [a]': (n) => '[a]'.repeat(n / 3),
  'heading # #': (n) => `# ${' #'.repeat(n / 2)}x`,
  'pad notes': (n) =>
    '### Titre\n**A :** un *mot* et `code` [lien](https://a.example)\n- item\n\n'.repeat(n / 70),
};

for (const [name, make] of Object.entries(shapes)) {
  const times: string[] = [];
  let previous = 0;
  let ratio = 0;
  for (const size of [250_000, 500_000, 1_000_000]) {
    const input = make(size);
    const start = performance.now();
    parseMarkdown(input);
    const ms = performance.now() - start;
    ratio = previous ? ms / previous : 0;
    previous = ms;
    times.push(`${(size / 1000).toFixed(0)} KB ${ms.toFixed(1)} ms`);
  }
  console.log(`${name.padEnd(14)} ${times.join(' · ')} · ×${ratio.toFixed(2)} for ×2 text`);
}
