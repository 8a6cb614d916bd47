import { describe, expect, it } from 'vitest';
import { splitPadLines } from './pad-lines.ts';
import { readPreamble } from './preamble.ts';

describe('preamble', () => {
  it('reads the title, the subtitle and a line that only dates the meeting', () => {
    const reading = readPreamble(
      splitPadLines(
        "\n\nStratégie d'animation de la communauté\n\ncercles d'apprentissage et d'entraide\n\nRéunion du 15 juin 2021\n",
      ),
    );
    expect(reading).toEqual({
      title: "Stratégie d'animation de la communauté",
      subtitle: "cercles d'apprentissage et d'entraide",
      date: '2021-06-15',
      dateText: 'Réunion du 15 juin 2021',
      rest: [],
    });
  });

  it('reads the date inside a title and keeps the title whole', () => {
    const reading = readPreamble(
      splitPadLines('# Cercle Codev – séance du 12/10/2021\nLieu : visio\nAnimation : Nadia'),
    );
    expect(reading.title).toBe('Cercle Codev – séance du 12/10/2021');
    expect(reading.subtitle).toBeNull();
    expect(reading.date).toBe('2021-10-12');
    expect(reading.rest.map((line) => line.raw)).toEqual(['Lieu : visio', 'Animation : Nadia']);
  });

  it('keeps a date line as title when nothing else could be one', () => {
    const reading = readPreamble(splitPadLines('**Mardi 15 juin 2021, 12h-13h**'));
    expect(reading).toMatchObject({ title: 'Mardi 15 juin 2021, 12h-13h', date: '2021-06-15' });
  });

  it('reads nothing from nothing', () => {
    expect(readPreamble([])).toEqual({ title: null, subtitle: null, date: null, dateText: null, rest: [] });
  });
});
