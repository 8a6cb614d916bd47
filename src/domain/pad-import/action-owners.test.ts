import { describe, expect, it } from 'vitest';
import { readOwnedAction, readOwnerAssignment } from './action-owners.ts';
import { createNameDirectory } from './name-directory.ts';

const directory = createNameDirectory(['Florent Merlet', 'Bernard Alix', 'Nadia Benali', 'Julie Chabaud']);

describe('action owners', () => {
  it('reads an owner opening the sentence and keeps the sentence whole', () => {
    expect(readOwnedAction('Florent nous envoie des propositions de dates de travail.', directory)).toEqual({
      title: 'Florent nous envoie des propositions de dates de travail.',
      ownerNames: ['Florent Merlet'],
    });
    expect(readOwnedAction('Nadia rédige le questionnaire', directory).ownerNames).toEqual(['Nadia Benali']);
    expect(readOwnedAction('Bernard ALIX relance les facilitateurs', directory).ownerNames).toEqual([
      'Bernard Alix',
    ]);
    expect(readOwnedAction('Nadia et Julie préparent la séance', directory).ownerNames).toEqual([
      'Nadia Benali',
      'Julie Chabaud',
    ]);
  });

  it('reads owners in brackets or after an arrow at the end', () => {
    expect(readOwnedAction('Envoyer le compte rendu (Camille)', directory)).toEqual({
      title: 'Envoyer le compte rendu',
      ownerNames: ['Camille'],
    });
    expect(readOwnedAction('Réserver la salle [Nadia, Florent]', directory).ownerNames).toEqual([
      'Nadia Benali',
      'Florent Merlet',
    ]);
    expect(readOwnedAction('Relancer les cercles → Julie', directory)).toEqual({
      title: 'Relancer les cercles',
      ownerNames: ['Julie Chabaud'],
    });
  });

  it('reads owners before a colon', () => {
    expect(readOwnedAction('Marion : proposer la date', directory)).toEqual({
      title: 'proposer la date',
      ownerNames: ['Marion'],
    });
    expect(readOwnedAction('Bernard et Nadia : scénario du REX', directory).ownerNames).toEqual([
      'Bernard Alix',
      'Nadia Benali',
    ]);
  });

  it('keeps typographic apostrophes in titles', () => {
    expect(readOwnedAction('Driss : préparer l’atelier', directory).title).toBe('préparer l’atelier');
    expect(readOwnedAction('Écrire l’édito (Nadia)', directory).title).toBe('Écrire l’édito');
  });

  it('gives no owner when no person is named', () => {
    expect(readOwnedAction('abécédaire (gros travail) et dernière séquence Boussole', directory)).toEqual({
      title: 'abécédaire (gros travail) et dernière séquence Boussole',
      ownerNames: [],
    });
    expect(
      readOwnedAction('Organisation de deux séances de travail (framadate ?)', directory).ownerNames,
    ).toEqual([]);
    expect(readOwnedAction('scénario pédagogique du REX', directory).ownerNames).toEqual([]);
    expect(readOwnedAction('Évaluation : questionnaire en ligne', directory).ownerNames).toEqual([]);
    expect(readOwnedAction('Boussole de la séance suivante', directory).ownerNames).toEqual([]);
  });

  it('takes a guest for owner only when a verb follows the first name', () => {
    expect(readOwnedAction('Camille envoie le lien visio', directory).ownerNames).toEqual(['Camille']);
    expect(readOwnedAction('Gironde, lancement du wiki', directory).ownerNames).toEqual([]);
    expect(readOwnedAction('On va relancer les cercles', directory).ownerNames).toEqual([]);
    expect(readOwnedAction('Chacun prépare son cas', directory).ownerNames).toEqual([]);
  });

  it('reads the lines that hand the list above to someone', () => {
    expect(readOwnerAssignment('Bernard OK pour travailler sur ces points.', directory)).toEqual([
      'Bernard Alix',
    ]);
    expect(readOwnerAssignment('Julie s’occupe de ça', directory)).toEqual(['Julie Chabaud']);
    expect(readOwnerAssignment('Nadia et Florent se chargent de cela !', directory)).toEqual([
      'Nadia Benali',
      'Florent Merlet',
    ]);
    expect(readOwnerAssignment('Camille prend en charge ces points', directory)).toEqual(['Camille']);
    expect(readOwnerAssignment('Bernard s’en occupe.', directory)).toEqual(['Bernard Alix']);
    expect(
      readOwnerAssignment('Florent nous envoie des propositions de dates de travail.', directory),
    ).toBeNull();
    expect(readOwnerAssignment('Tout le monde est OK pour cela', directory)).toBeNull();
  });
});
