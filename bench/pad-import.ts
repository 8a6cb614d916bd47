/**
 * How long the pad importer takes on a megabyte of text of several shapes, including the worst ones
 * for its heading matching. Prints a table (best of 3 runs, after a warm-up). Run: npm run bench:import
 */
import { readFileSync } from 'node:fs';
import { parsePadNotes } from '../src/domain/pad-import/parse-pad-notes.ts';

const seed = readFileSync(new URL('../fixtures/seed-meeting-2021-06-15.txt', import.meta.url), 'utf8');
const MB = 1_048_576;
const paragraphs = Array.from({ length: 20 }, (_, i) => `Paragraphe ${i} : ${'des idées '.repeat(30)}`).join(
  '\n\n',
);
const closeToTitles = () => {
  const items = Array.from({ length: 140 }, (_, i) => `- Point numéro ${i} sur les cercles`);
  return `Ordre du jour\n${items.join('\n')}\n\nNotes communes\n${'Retour sur les cercles numéro 12 et la suite\n'.repeat(22_000)}`;
};

const shapes: [string, string][] = [
  ['the seed meeting (3.7 KB)', seed],
  ['seed + notes, repeated to 1 MB', `${seed}\n${paragraphs}\n`.repeat(100).slice(0, MB)],
  ['one 1 MB line', 'x'.repeat(MB)],
  ['a long agenda', `Ordre du jour\n${'- 9h30 > 9h45 Point\n'.repeat(52_000)}`],
  ['a long list', `SYNTHESE\n${'- a\n'.repeat(260_000)}`],
  ['many sections', 'ODJ\n- a\nNotes\nA\n'.repeat(60_000)],
  ['many vote announcements', `Notes\n${'vote :\n'.repeat(150_000)}`],
  ['notes close to the agenda titles', closeToTitles()],
];

parsePadNotes(seed);
console.log('pad import: best of 3 runs');
console.log('     ms    KB   shape');
for (const [name, text] of shapes) {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    parsePadNotes(text);
    best = Math.min(best, performance.now() - started);
  }
  console.log(`${best.toFixed(1).padStart(7)} ${(text.length / 1024).toFixed(0).padStart(5)}   ${name}`);
}
