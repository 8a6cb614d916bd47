import { describe, expect, it } from 'vitest';
import { splitPadLines } from './pad-lines.ts';
import { readParticipants } from './participants.ts';

describe('participants', () => {
  it('reads one name per bullet, in display case', () => {
    const reading = readParticipants(
      splitPadLines('- Florent Merlet\n- Bernard ALIX\n- Sandrine Demoulin-Noirclerc\n\n* isabelle cazaunau'),
      'present',
    );
    expect(reading.participants).toEqual([
      { name: 'Florent Merlet', status: 'present', detail: null },
      { name: 'Bernard Alix', status: 'present', detail: null },
      { name: 'Sandrine Demoulin-Noirclerc', status: 'present', detail: null },
      { name: 'Isabelle Cazaunau', status: 'present', detail: null },
    ]);
    expect(reading.unplaced).toEqual([]);
  });

  it('reads several names on a line and what is written beside them', () => {
    const reading = readParticipants(
      splitPadLines('Nadia Benali (CNFPT), Camille Roux et Marion Lefèvre – facilitatrice'),
      'present',
    );
    expect(reading.participants).toEqual([
      { name: 'Nadia Benali', status: 'present', detail: 'CNFPT' },
      { name: 'Camille Roux', status: 'present', detail: null },
      { name: 'Marion Lefèvre', status: 'present', detail: 'facilitatrice' },
    ]);
  });

  it('marks the excused, by section or by the word beside the name', () => {
    expect(readParticipants(splitPadLines('- Julie Chabaud'), 'excused').participants[0]?.status).toBe(
      'excused',
    );
    const beside = readParticipants(splitPadLines('- Bruno ACH (excusé)'), 'present').participants[0];
    expect(beside).toEqual({ name: 'Bruno Ach', status: 'excused', detail: 'excusé' });
  });

  it('leaves lines that are not names unplaced rather than inventing people', () => {
    const reading = readParticipants(
      splitPadLines(
        [
          '- Florent Merlet',
          '12 personnes en visio',
          'Bonne énergie malgré la chaleur',
          'bonne énergie malgré la chaleur',
          '- léa dupuis',
        ].join('\n'),
      ),
      'present',
    );
    expect(reading.participants.map((participant) => participant.name)).toEqual([
      'Florent Merlet',
      'Léa Dupuis',
    ]);
    expect(reading.unplaced.map((line) => line.raw)).toEqual([
      '12 personnes en visio',
      'Bonne énergie malgré la chaleur',
      'bonne énergie malgré la chaleur',
    ]);
  });
});
