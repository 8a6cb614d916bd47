import { describe, expect, it } from 'vitest';
import { readFrenchDate } from './french-date.ts';

describe('French dates', () => {
  it.each([
    ['Réunion du 15 juin 2021', '2021-06-15'],
    ['mardi 15 juin 2021', '2021-06-15'],
    ['15/06/2021', '2021-06-15'],
    ['2021-06-15', '2021-06-15'],
    ['Séance du 1er août 2022', '2022-08-01'],
    ['Jeudi 3 févr. 2022 à 14h', '2022-02-03'],
    ['le 7 DÉCEMBRE 2021', '2021-12-07'],
    ['Date : 02.09.21', '2021-09-02'],
    ['12-10-2021', '2021-10-12'],
  ])('reads %s', (text, iso) => {
    expect(readFrenchDate(text)?.iso).toBe(iso);
  });

  it('gives back what the line says besides the date', () => {
    expect(readFrenchDate('Réunion du 15 juin 2021')?.rest).toBe('reunion du');
  });

  it('ignores incomplete and impossible dates', () => {
    expect(readFrenchDate('lancement wiki riposte Gironde le 2 juillet')).toBeNull();
    expect(readFrenchDate('31/02/2021')).toBeNull();
    expect(readFrenchDate('29/02/2021')).toBeNull();
    expect(readFrenchDate('29/02/2024')?.iso).toBe('2024-02-29');
    expect(readFrenchDate('12h00 > 12h10')).toBeNull();
    expect(readFrenchDate('version 1.2.3')).toBeNull();
    expect(readFrenchDate('')).toBeNull();
  });
});
