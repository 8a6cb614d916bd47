import { describe, expect, it } from 'vitest';
import { splitPadLines } from './pad-lines.ts';
import { findVotes } from './votes.ts';

describe('votes', () => {
  it('reads per-letter sections with options below each label', () => {
    const lines = splitPadLines(
      [
        'Après vote de la communauté :',
        '',
        '- **A :**',
        ' - Altérité',
        ' - Apprendre ensemble (Apprenance)',
        '- **B :**',
        ' - Bienveillant',
        ' - Boussoles',
        '',
        'Organisation de deux séances de travail (framadate ?)',
      ].join('\n'),
    );
    expect(findVotes(lines, "Retour sur l'abécédaire du 31 et suites")).toEqual([
      {
        title: "Retour sur l'abécédaire du 31 et suites",
        sections: [
          { label: 'A', options: ['Altérité', 'Apprendre ensemble (Apprenance)'] },
          { label: 'B', options: ['Bienveillant', 'Boussoles'] },
        ],
      },
    ]);
  });

  it('reads one-line sections and takes the announcing line for title outside an agenda item', () => {
    const lines = splitPadLines(
      'Résultat du vote pour l’abécédaire :\nA : Altérité, Apprendre ensemble, Archipel\nB : Bienveillant ; Boussoles\n\nCercle Codev : 12 participants, bonne dynamique',
    );
    expect(findVotes(lines, null)).toEqual([
      {
        title: 'Résultat du vote pour l’abécédaire',
        sections: [
          { label: 'A', options: ['Altérité', 'Apprendre ensemble', 'Archipel'] },
          { label: 'B', options: ['Bienveillant', 'Boussoles'] },
        ],
      },
    ]);
  });

  it('does not take lists that no vote announces', () => {
    const lines = splitPadLines('Bilan :\n- Points forts :\n - écoute\n- Points faibles :\n - timing');
    expect(findVotes(lines, null)).toEqual([]);
  });

  it('needs options after the announcement', () => {
    expect(findVotes(splitPadLines('On votera la semaine prochaine.\n\nMerci à tous.'), null)).toEqual([]);
    expect(findVotes(splitPadLines('Après vote :'), null)).toEqual([]);
  });
});
