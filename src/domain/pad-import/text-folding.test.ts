import { describe, expect, it } from 'vitest';
import { foldCase, foldText, plainApostrophes } from './text-folding.ts';

describe('text folding', () => {
  it('folds accents, case and ligatures but keeps punctuation in foldCase', () => {
    expect(foldCase('Réunion du 15/06/2021 – Œuvre')).toBe('reunion du 15/06/2021 – oeuvre');
    expect(foldCase('l’abécédaire')).toBe("l'abecedaire");
  });

  it('reduces text to plain words in foldText', () => {
    expect(foldText('  Excusé·es : ')).toBe('excuse es');
    expect(foldText("Mise en place d'un retour d'expérience (fin septembre ?)")).toBe(
      'mise en place d un retour d experience fin septembre',
    );
    expect(foldText('To-do list')).toBe('to do list');
  });

  it('turns typographic apostrophes into ASCII ones', () => {
    expect(plainApostrophes('s’occupe de ça')).toBe("s'occupe de ça");
  });
});
