import { describe, expect, it } from 'vitest';
import { splitList } from './list-splitting.ts';

describe('one-line lists', () => {
  it('splits on commas and semicolons but not inside brackets', () => {
    expect(splitList('Altérité, Apprendre ensemble (Apprenance, co-apprentissage) ; Archipel')).toEqual([
      'Altérité',
      'Apprendre ensemble (Apprenance, co-apprentissage)',
      'Archipel',
    ]);
  });

  it('splits on "et" and "&" only when asked', () => {
    expect(splitList('Nadia, Camille et Marion & Paul', true)).toEqual([
      'Nadia',
      'Camille',
      'Marion',
      'Paul',
    ]);
    expect(splitList('Recherche et développement')).toEqual(['Recherche et développement']);
    expect(splitList('Bernadette Etienne', true)).toEqual(['Bernadette Etienne']);
  });

  it('drops empty items', () => {
    expect(splitList(' , a,, b ,')).toEqual(['a', 'b']);
    expect(splitList('')).toEqual([]);
  });
});
