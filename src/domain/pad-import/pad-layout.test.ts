import { describe, expect, it } from 'vitest';
import { readPadLayout } from './pad-layout.ts';
import { splitPadLines } from './pad-lines.ts';

function layoutOf(text: string) {
  const layout = readPadLayout(splitPadLines(text));
  return {
    agenda: layout.agenda.map((item) => item.title),
    sections: layout.sections.map((section) => ({
      role: section.role,
      heading: section.headingText,
      item: section.itemIndex,
      lines: section.lines.filter((line) => !line.isBlank).map((line) => line.body),
    })),
  };
}

describe('pad layout', () => {
  it('recognises plain lines that repeat an agenda title as the headings of its notes', () => {
    const { agenda, sections } = layoutOf(
      [
        'Ordre du jour',
        '- [12h00 > 12h10] Un tour de météo',
        '- [12h10 > 12h30] Retour sur le Cercle des cercles',
        '',
        'Notes communes',
        'Retour sur le Cercle des cercles',
        'Bonne dynamique.',
        'Un tour de météo',
        'Soleil partout.',
      ].join('\n'),
    );
    expect(agenda).toEqual(['Un tour de météo', 'Retour sur le Cercle des cercles']);
    expect(sections.slice(2)).toEqual([
      { role: 'notes', heading: 'Notes communes', item: null, lines: [] },
      { role: 'item', heading: 'Retour sur le Cercle des cercles', item: 1, lines: ['Bonne dynamique.'] },
      { role: 'item', heading: 'Un tour de météo', item: 0, lines: ['Soleil partout.'] },
    ]);
  });

  it('does not take the agenda lines themselves for note headings', () => {
    const { sections } = layoutOf('ODJ\nMétéo\nCas de Nadia\n');
    expect(sections.map((section) => section.role)).toEqual(['preamble', 'agenda']);
  });

  it('turns what follows the agenda into notes when no heading opens them', () => {
    const { sections } = layoutOf(
      'ODJ\n- Météo\n- Cas de Nadia\n\nTrès bonne séance.\n\nCas de Nadia\nPistes.',
    );
    expect(sections.slice(1)).toEqual([
      { role: 'agenda', heading: 'ODJ', item: null, lines: ['Météo', 'Cas de Nadia'] },
      { role: 'notes', heading: null, item: null, lines: ['Très bonne séance.'] },
      { role: 'item', heading: 'Cas de Nadia', item: 1, lines: ['Pistes.'] },
    ]);
  });

  it('takes timed headings for the agenda when there is no agenda section', () => {
    const { agenda, sections } = layoutOf('## 9h30 - Accueil\ncafé\n## 9h45 - Cas de Nadia\nPistes.');
    expect(agenda).toEqual(['Accueil', 'Cas de Nadia']);
    expect(sections.map((section) => [section.role, section.item])).toEqual([
      ['preamble', null],
      ['item', 0],
      ['item', 1],
    ]);
  });

  it('reads a paragraph opening with an item title and a colon as that item’s notes', () => {
    const { sections } = layoutOf('ODJ\n- Inclusion\n- Arpentage\n\nNotes\nInclusion : chacun dit un mot.');
    expect(sections.at(-1)).toEqual({
      role: 'item',
      heading: 'Inclusion',
      item: 0,
      lines: ['chacun dit un mot.'],
    });
  });
});
