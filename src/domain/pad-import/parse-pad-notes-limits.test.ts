import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingWords } from './import-coverage.ts';
import { parsePadNotes } from './parse-pad-notes.ts';

const seed = readFileSync(new URL('../../../fixtures/seed-meeting-2021-06-15.txt', import.meta.url), 'utf8');

describe('parsePadNotes on odd input', () => {
  it('returns an empty session for empty or blank text', () => {
    for (const text of ['', '\n\n', '   \r\n\t', '\uFEFF']) {
      expect(parsePadNotes(text)).toEqual({
        title: null,
        subtitle: null,
        date: null,
        dateText: null,
        participants: [],
        agenda: [],
        synthesis: [],
        actions: [],
        announcements: [],
        votes: [],
        notes: '',
        unplaced: [],
        headings: [],
      });
    }
  });

  it('never throws on random lines and keeps every word of them', () => {
    const random = seededRandom(20210615);
    for (let run = 0; run < 300; run++) {
      const text = randomPad(random);
      const session = parsePadNotes(text);
      expect(missingWords(text, session), text).toEqual([]);
    }
  });

  // Speed is measured by bench/pad-import.ts (npm run bench:import), not by a timed test.
  it('parses a megabyte of notes', () => {
    const paragraphs = Array.from(
      { length: 20 },
      (_, index) => `Paragraphe ${index} : ${'des idées '.repeat(30)}`,
    );
    const megabyte = `${seed}\n${paragraphs.join('\n\n')}\n`.repeat(100).slice(0, 1_048_576);
    expect(parsePadNotes(megabyte).agenda.length).toBeGreaterThan(400);
  });

  it.each([
    ['one line', 'x'.repeat(1_048_576)],
    ['a long list', `SYNTHESE\n${'- a\n'.repeat(260_000)}`],
    ['notes close to the agenda titles', closeToTitles()],
  ])('parses a megabyte of %s', (_, megabyte) => {
    expect(() => parsePadNotes(megabyte)).not.toThrow();
  });
});

/** Every line of the notes shares words with every agenda title: the worst case for matching them. */
function closeToTitles(): string {
  const items = Array.from({ length: 140 }, (_, index) => `- Point numéro ${index} sur les cercles`);
  const notes = 'Retour sur les cercles numéro 12 et la suite\n'.repeat(22_000);
  return `Ordre du jour\n${items.join('\n')}\n\nNotes communes\n${notes}`;
}

/** A deterministic generator, so a failing run can be replayed. */
function seededRandom(seedValue: number): () => number {
  let state = seedValue;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const fragments = [
  '- ',
  '* ',
  '+ ',
  '• ',
  '1. ',
  '  - ',
  '\t',
  '# ',
  '## ',
  '**',
  '[12h00 > 12h10]',
  '9h30-9h45',
  'de 9h à 10h',
  'Participants',
  'Excusés :',
  'ODJ',
  'Notes communes',
  'SYNTHESE',
  'PROCHAINS PAS',
  'A communiquer :',
  'vote :',
  'A : x, y',
  'Bernard',
  'Nadia OK pour ces points',
  '(Camille)',
  'Marion :',
  '15 juin 2021',
  '31/02/2021',
  '<https://exemple.fr/a_b>',
  'café',
  'Œuvre',
  '«',
  '»',
  '(',
  ')',
  '[',
  ']',
  ':',
  ',',
  ' et ',
  '\u00A0',
  '🙂',
  'é',
  'Retour sur le Cercle des cercles',
  'Un tour de météo',
  '\r',
  '',
  ' ',
];

function randomPad(random: () => number): string {
  const lineCount = Math.floor(random() * 40);
  const lines: string[] = [];
  for (let line = 0; line < lineCount; line++) {
    const parts = Math.floor(random() * 6);
    let text = '';
    for (let part = 0; part < parts; part++) text += fragments[Math.floor(random() * fragments.length)] ?? '';
    lines.push(text);
  }
  return lines.join(random() < 0.5 ? '\n' : '\r\n');
}
