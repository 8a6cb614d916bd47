import { describe, expect, it } from 'vitest';
import { readAgenda } from './agenda-items.ts';
import { splitPadLines } from './pad-lines.ts';

function agendaOf(text: string) {
  return readAgenda(splitPadLines(text));
}

describe('agenda items', () => {
  it('reads bulleted, timed items and their indented sub-items', () => {
    const reading = agendaOf(
      [
        '- [12h00 > 12h10] **Un tour de météo**',
        '- [12h10 > 12h30] **Retour sur le Cercle des cercles**',
        ' - Quels sont nos prochains pas ? Post-it **BLEU**',
        ' - Doit-on avoir une nouvelle séance ?',
        '',
        '- [12h50 > 13h00] **Comment évaluer les cercles ?**',
      ].join('\n'),
    );
    expect(reading.items).toEqual([
      { title: 'Un tour de météo', startTime: '12:00', endTime: '12:10', children: [], notes: '' },
      {
        title: 'Retour sur le Cercle des cercles',
        startTime: '12:10',
        endTime: '12:30',
        children: ['Quels sont nos prochains pas ? Post-it BLEU', 'Doit-on avoir une nouvelle séance ?'],
        notes: '',
      },
      {
        title: 'Comment évaluer les cercles ?',
        startTime: '12:50',
        endTime: '13:00',
        children: [],
        notes: '',
      },
    ]);
    expect(reading.end).toBe(6);
  });

  it('takes bullets under an unbulleted timed line for its sub-items', () => {
    const reading = agendaOf('9h30 - 9h45 : Accueil\n- café\n- tour de table\n9h45 - 10h30 : Cas de Nadia');
    expect(reading.items.map((item) => [item.title, item.startTime, item.children])).toEqual([
      ['Accueil', '09:30', ['café', 'tour de table']],
      ['Cas de Nadia', '09:45', []],
    ]);
  });

  it('reads numbered items without times and tab-indented sub-items', () => {
    const reading = agendaOf('1. Météo\n2. Cas de Camille\n\t- clarification\n\t- consultation\n3. Divers');
    expect(reading.items.map((item) => [item.title, item.startTime, item.endTime, item.children])).toEqual([
      ['Météo', null, null, []],
      ['Cas de Camille', null, null, ['clarification', 'consultation']],
      ['Divers', null, null, []],
    ]);
  });

  it('reads a list of bare lines and stops at the first paragraph after a blank line', () => {
    const reading = agendaOf('Météo\nArpentage du chapitre 3\n\nTrès bonne séance, tout le monde était là.');
    expect(reading.items.map((item) => item.title)).toEqual(['Météo', 'Arpentage du chapitre 3']);
    expect(reading.end).toBe(3);
  });

  it('keeps an introduction line apart from the items', () => {
    const reading = agendaOf('Proposé par Nadia :\n- Météo\n- Cas pratique');
    expect(reading.items.map((item) => item.title)).toEqual(['Météo', 'Cas pratique']);
    expect(reading.unplaced.map((line) => line.raw)).toEqual(['Proposé par Nadia :']);
  });

  it('reads times written after the title', () => {
    const [item] = agendaOf('- Un tour de météo (12h00-12h10)').items;
    expect(item).toMatchObject({ title: 'Un tour de météo', startTime: '12:00', endTime: '12:10' });
  });

  it('returns nothing for an empty section', () => {
    expect(agendaOf('')).toEqual({ items: [], unplaced: [], end: 1 });
  });
});
