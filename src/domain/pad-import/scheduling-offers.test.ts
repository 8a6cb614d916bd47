import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schedulingOffers } from './scheduling-offers.ts';

describe('scheduling offers in a pad', () => {
  it('finds the seed meeting’s sign-up calls and its "(framadate ?)"', () => {
    const seed = readFileSync(
      new URL('../../../fixtures/seed-meeting-2021-06-15.txt', import.meta.url),
      'utf8',
    );
    expect(schedulingOffers(seed)).toEqual({
      signup: {
        title: 'Qui veut y travailler ?',
        topics: [
          "Mise en place d'un retour d'expérience des cercles d'apprentissage fin septembre ?",
          "Comment évaluer les cercles d'apprentissage ?",
        ],
      },
      datePolls: [{ title: 'Organisation de deux séances de travail' }],
    });
  });

  it('reads list marks, emphasis and time ranges away, and offers nothing when nothing is asked', () => {
    expect(
      schedulingOffers(
        [
          '## Ordre du jour',
          '- [14h00 > 14h10] **Atelier numérique**',
          '  - Inscrivez-vous ici :',
          '* Prochaine réunion – sondage de dates',
        ].join('\n'),
      ),
    ).toEqual({
      signup: { title: 'Qui veut y travailler ?', topics: ['Atelier numérique'] },
      datePolls: [{ title: 'Prochaine réunion' }],
    });
    expect(schedulingOffers('Tour de table\n- Claire : RAS\n')).toEqual({ signup: null, datePolls: [] });
  });
});

describe('scheduling offers on pathological pads', () => {
  it('reads a megabyte of blanks, long lines or tiny lines in linear time', () => {
    const blanks = ' '.repeat(990_000);
    const shapes = [
      `a${blanks}:b`,
      `Inscrivez-vous ici${blanks}.x`,
      `${'- '.repeat(140)}framadate${' '.repeat(140)}x\n`.repeat(3_000),
      `${' '.repeat(290)}:x\n`.repeat(3_000),
      'a\n'.repeat(450_000),
    ];
    const started = performance.now();
    for (const text of shapes) schedulingOffers(text);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
