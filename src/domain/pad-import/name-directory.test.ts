import { describe, expect, it } from 'vitest';
import { createNameDirectory } from './name-directory.ts';

const directory = createNameDirectory([
  'Florent Merlet',
  'Bernard Alix',
  'Sandrine Demoulin-Noirclerc',
  'Julie Chabaud',
  'Julie Martin',
  'Jean-Marc Roux',
]);

describe('name directory', () => {
  it('finds a participant by full name, whatever the case and accents', () => {
    expect(directory.find('Bernard ALIX')).toBe('Bernard Alix');
    expect(directory.find('sandrine demoulin noirclerc')).toBe('Sandrine Demoulin-Noirclerc');
  });

  it('finds a participant by a first name only one of them has', () => {
    expect(directory.find('Florent')).toBe('Florent Merlet');
    expect(directory.find('jean-marc')).toBe('Jean-Marc Roux');
    expect(directory.find('Julie')).toBeNull();
  });

  it('falls back on a unique surname', () => {
    expect(directory.find('Chabaud')).toBe('Julie Chabaud');
    expect(directory.find('Merlet')).toBe('Florent Merlet');
  });

  it('keeps unknown names as written, in display case', () => {
    expect(directory.find('Camille')).toBeNull();
    expect(directory.resolve('Camille')).toBe('Camille');
    expect(directory.resolve('MARION')).toBe('Marion');
    expect(directory.resolve('Julie')).toBe('Julie');
    expect(directory.resolve('Bernard')).toBe('Bernard Alix');
  });
});
