import { describe, expect, it } from 'vitest';
import { looksLikePersonName, looksLikeWrittenOwner, toDisplayCase } from './person-names.ts';

describe('person names', () => {
  it('puts names written in capitals or lower case in display case', () => {
    expect(toDisplayCase('Bernard ALIX')).toBe('Bernard Alix');
    expect(toDisplayCase('Isabelle CAZAUNAU')).toBe('Isabelle Cazaunau');
    expect(toDisplayCase('BRUNO ACH')).toBe('Bruno Ach');
    expect(toDisplayCase('florent merlet')).toBe('Florent Merlet');
    expect(toDisplayCase('Anne DEMOULIN-NOIRCLERC')).toBe('Anne Demoulin-Noirclerc');
    expect(toDisplayCase("Paulo D'ALMEIDA")).toBe("Paulo D'Almeida");
  });

  it('keeps mixed-case names, particles and initials as written', () => {
    expect(toDisplayCase('Sandrine Demoulin-Noirclerc')).toBe('Sandrine Demoulin-Noirclerc');
    expect(toDisplayCase('Jean-Marc de La Tour')).toBe('Jean-Marc de La Tour');
    expect(toDisplayCase('marie de la TOUR')).toBe('Marie de la Tour');
    expect(toDisplayCase('Julie B.')).toBe('Julie B.');
    expect(toDisplayCase('McNamara')).toBe('McNamara');
  });

  it('recognises names and refuses sentences', () => {
    expect(looksLikePersonName('Sandrine Demoulin-Noirclerc')).toBe(true);
    expect(looksLikePersonName("Paulo d'Almeida")).toBe(true);
    expect(looksLikePersonName('12 participants')).toBe(false);
    expect(looksLikePersonName('bonne dynamique')).toBe(false);
    expect(looksLikePersonName('Bonne énergie malgré la chaleur')).toBe(false);
    expect(looksLikePersonName('Jean-Marc de La Tour')).toBe(true);
    expect(looksLikePersonName('Cercle Codev : 12 participants, bonne dynamique')).toBe(false);
    expect(looksLikePersonName('Une phrase de bien plus de cinq mots ici')).toBe(false);
  });

  it('is stricter for owners named inside a sentence', () => {
    expect(looksLikeWrittenOwner('Camille')).toBe(true);
    expect(looksLikeWrittenOwner('Jean-Marc de La Tour')).toBe(false);
    expect(looksLikeWrittenOwner('Marion L.')).toBe(true);
    expect(looksLikeWrittenOwner('REX')).toBe(false);
    expect(looksLikeWrittenOwner('gros travail')).toBe(false);
    expect(looksLikeWrittenOwner('fin septembre ?')).toBe(false);
  });
});
