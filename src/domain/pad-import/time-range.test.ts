import { describe, expect, it } from 'vitest';
import { readLeadingTimeRange, readTimeRange, readTrailingTimeRange, toClockTime } from './time-range.ts';

describe('time ranges', () => {
  it.each([
    ['[12h00 > 12h10] Un tour de météo', '12:00', '12:10', 'Un tour de météo'],
    ['12h00 - 12h10 Un tour de météo', '12:00', '12:10', 'Un tour de météo'],
    ['12h-12h10 : Un tour de météo', '12:00', '12:10', 'Un tour de météo'],
    ['9h30 > 9h45 Accueil', '09:30', '09:45', 'Accueil'],
    ['9:30-9:45 Accueil', '09:30', '09:45', 'Accueil'],
    ['de 9h30 à 9h45 : Accueil', '09:30', '09:45', 'Accueil'],
    ['9h30 – 9h45 | Accueil', '09:30', '09:45', 'Accueil'],
    ['(14H00 à 15H30) Codev', '14:00', '15:30', 'Codev'],
    ['9 h 30 - 10 h : Cas de Nadia', '09:30', '10:00', 'Cas de Nadia'],
  ])('reads %s', (text, start, end, rest) => {
    expect(readLeadingTimeRange(text)).toEqual({ range: { start, end }, rest });
  });

  it('reads a lone start time only when it is set apart from the title', () => {
    expect(readLeadingTimeRange('9h30 : Accueil')).toEqual({
      range: { start: '09:30', end: null },
      rest: 'Accueil',
    });
    expect(readLeadingTimeRange('[10h] Pause')?.range).toEqual({ start: '10:00', end: null });
    expect(readLeadingTimeRange('9h30 Accueil café')?.range.start).toBe('09:30');
    expect(readLeadingTimeRange('2h de travail collectif')).toBeNull();
  });

  it('refuses numbers that are no time of day', () => {
    expect(readLeadingTimeRange('25h00 - 26h00 Nuit')).toBeNull();
    expect(readLeadingTimeRange('12h75 Météo')).toBeNull();
    expect(readLeadingTimeRange('12 participants')).toBeNull();
    expect(readLeadingTimeRange('2021-06-15 Réunion')).toBeNull();
    expect(readLeadingTimeRange('Un tour de météo')).toBeNull();
  });

  it('reads a range written after the title', () => {
    expect(readTrailingTimeRange('Un tour de météo (12h00-12h10)')).toEqual({
      range: { start: '12:00', end: '12:10' },
      rest: 'Un tour de météo',
    });
    expect(readTrailingTimeRange('Accueil – 9h30 à 9h45')?.range).toEqual({ start: '09:30', end: '09:45' });
    expect(readTrailingTimeRange('Bilan en 2h')).toBeNull();
    expect(readTimeRange('Accueil [9:30 > 9:45]')?.rest).toBe('Accueil');
  });

  it('writes clock times on two digits', () => {
    expect(toClockTime('9', undefined)).toBe('09:00');
    expect(toClockTime('23', '59')).toBe('23:59');
    expect(toClockTime('24', '00')).toBeNull();
  });
});
