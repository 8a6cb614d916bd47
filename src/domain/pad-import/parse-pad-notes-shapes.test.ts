import { describe, expect, it } from 'vitest';
import { missingWords } from './import-coverage.ts';
import { maxReadLineLength, parsePadNotes } from './parse-pad-notes.ts';

/**
 * A megabyte of the shapes that made patterns backtrack. Read in linear time, each takes tens of
 * milliseconds; with a pattern that retries a run of blanks from each of its positions, the same
 * megabyte takes minutes (a 150 KB import once held the server for 10 s). The bound sits far from
 * both, so a loaded machine does not make it fail and a quadratic pattern cannot pass it. Speed
 * itself is measured by bench/pad-import.ts.
 */
const linearBoundMs = 2_000;
const megabyte = 1_000_000;
const blanks = ' '.repeat(maxReadLineLength - 20);

/** Lines of one shape, repeated under an optional heading up to a megabyte. */
function repeated(line: string, heading = ''): string {
  return heading + `${line}\n`.repeat(Math.floor((megabyte - heading.length) / (line.length + 1)));
}

/** The best of two runs: the first may pay for compiling the parser, the machine may be busy. */
function parseTimed(text: string) {
  let ms = Number.POSITIVE_INFINITY;
  let session = parsePadNotes('');
  for (let run = 0; run < 2; run++) {
    const started = performance.now();
    session = parsePadNotes(text);
    ms = Math.min(ms, performance.now() - started);
  }
  return { session, ms };
}

describe('parsePadNotes on a megabyte of a pathological shape', () => {
  it.each([
    ['long blank runs inside lines', repeated(`a${blanks}b`)],
    ['long blank runs then a colon', repeated(`Nadia${blanks}x :`, 'Notes\n')],
    ['headings with long blank runs', repeated(`# a${blanks}b`)],
    ['headings with blanks before their closing hashes', repeated(`## a${blanks}#x`)],
    ['bold headings with long blank runs', repeated(`**a**${blanks}x`)],
    ['participants with long blank runs', repeated(`Nadia${blanks}x`, 'Participants\n')],
    [
      'participants with blanks around brackets and dashes',
      repeated(`Nadia${blanks}(x)${blanks}`, 'Participants\n'),
    ],
    ['agenda items with long blank runs', repeated(`- a${blanks}b`, 'Ordre du jour\n')],
    ['time ranges followed by blanks', repeated(`- a - 9h-10h${blanks}x`, 'Ordre du jour\n')],
    ['time ranges after a run of blanks', repeated(`- a${blanks}(9h-10h) x`, 'Ordre du jour\n')],
    ['next steps with long blank runs', repeated(`- Nadia${blanks}: envoyer${blanks}(x`, 'PROCHAINS PAS\n')],
    ['vote lists with long blank runs', repeated(`A${blanks}:${blanks}x`, 'Notes\nvote :\n')],
  ])('reads %s in linear time', (_, text) => {
    const { ms } = parseTimed(text);
    expect(ms).toBeLessThan(linearBoundMs);
  });

  it('keeps a line too long to read, in the notes and as unplaced, and reads the rest', () => {
    const giant = `Un paragraphe${' '.repeat(megabyte - 200)}sans fin`;
    const text = `# Séance\n15 juin 2021\n\nPROCHAINS PAS\n- Envoyer le CR (Camille)\n${giant}\n- Réserver la salle\n`;
    const { session, ms } = parseTimed(text);
    expect(ms).toBeLessThan(linearBoundMs);
    expect(session.unplaced).toEqual([giant]);
    expect(session.notes).toContain(giant);
    expect(session.actions.map((action) => action.title)).toEqual(['Envoyer le CR', 'Réserver la salle']);
    expect(session.date).toBe('2021-06-15');
  });

  it('reads a line just under the limit as any other line', () => {
    const long = `- ${'mot '.repeat((maxReadLineLength - 10) / 4)}(Camille)`;
    const session = parsePadNotes(`PROCHAINS PAS\n${long}`);
    expect(session.unplaced).toEqual([]);
    expect(session.actions).toHaveLength(1);
  });

  // A quarter of a megabyte is enough to show that nothing is lost; time is the benchmark's business.
  it.each([
    ['many tiny lines', repeated('a').slice(0, megabyte / 4)],
    [
      'many tiny bullets in every section',
      repeated('- a\nODJ\n- b\nNotes\nc :\nPROCHAINS PAS\n* d (E)').slice(0, megabyte / 4),
    ],
    ['deeply nested lists', deeplyNested().slice(0, megabyte / 4)],
    ['one character repeated on one line', 'x'.repeat(megabyte)],
    ['random characters', randomText(megabyte / 4)],
  ])('reads %s and keeps every word', (_, text) => {
    const session = parsePadNotes(text);
    expect(missingWords(text, session)).toEqual([]);
  });
});

/** A list nested one level deeper at each line, down to thousands of levels. */
function deeplyNested(): string {
  const lines: string[] = ['Ordre du jour'];
  let size = 0;
  for (let depth = 0; size < megabyte; depth++) {
    const line = `${' '.repeat(depth % 4_000)}- point ${depth}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

/** Printable and blank characters of pads in random order, reproducibly. */
function randomText(length: number): string {
  const alphabet = ' \t\u00A0\n\r-*_#:()[]>→.,;éAaZz09hH/&\'"«»•\u200B🙂';
  let state = 20_210_615;
  let text = '';
  for (let position = 0; position < length; position++) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    text += alphabet[Math.floor((state / 2_147_483_648) * alphabet.length)];
  }
  return text;
}
