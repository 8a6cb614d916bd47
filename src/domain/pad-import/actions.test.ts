import { describe, expect, it } from 'vitest';
import { readActions } from './actions.ts';
import { createNameDirectory } from './name-directory.ts';
import { splitPadLines } from './pad-lines.ts';

const directory = createNameDirectory(['Florent Merlet', 'Bernard Alix', 'Nadia Benali']);

describe('actions', () => {
  it('hands the list above to the participant an assignment line names', () => {
    const lines = splitPadLines(
      [
        '- abécédaire (gros travail)',
        '- évaluation au sein des cercles',
        '',
        'Bernard OK pour travailler sur ces points.',
        '',
        'Florent nous envoie des propositions de dates de travail.',
      ].join('\n'),
    );
    expect(readActions(lines, directory)).toEqual([
      {
        title: 'abécédaire (gros travail)',
        ownerNames: ['Bernard Alix'],
        isDone: false,
        sourceLines: ['- abécédaire (gros travail)', 'Bernard OK pour travailler sur ces points.'],
      },
      {
        title: 'évaluation au sein des cercles',
        ownerNames: ['Bernard Alix'],
        isDone: false,
        sourceLines: ['- évaluation au sein des cercles', 'Bernard OK pour travailler sur ces points.'],
      },
      {
        title: 'Florent nous envoie des propositions de dates de travail.',
        ownerNames: ['Florent Merlet'],
        isDone: false,
        sourceLines: ['Florent nous envoie des propositions de dates de travail.'],
      },
    ]);
  });

  it('keeps owners a list item names itself', () => {
    const lines = splitPadLines(
      '- Envoyer le compte rendu (Camille)\n- Réserver la salle\nNadia s’occupe de ça',
    );
    expect(readActions(lines, directory).map((action) => action.ownerNames)).toEqual([
      ['Camille'],
      ['Nadia Benali'],
    ]);
  });

  it('reads task boxes and leaves an assignment without a list above as an action of its own', () => {
    const lines = splitPadLines('- [x] Réserver la salle\n\nAvancer sur le REX\nBernard OK pour cela');
    const actions = readActions(lines, directory);
    expect(actions.map((action) => [action.title, action.isDone, action.ownerNames])).toEqual([
      ['Réserver la salle', true, []],
      ['Avancer sur le REX', false, []],
      ['Bernard OK pour cela', false, ['Bernard Alix']],
    ]);
  });
});
