import { describe, expect, it } from 'vitest';
import { splitPadLines } from './pad-lines.ts';
import { type HeadingClassifier, splitSections } from './pad-sections.ts';
import { readHeading } from './section-headings.ts';

const byHeadings: HeadingClassifier = (line) => {
  const heading = readHeading(line);
  return heading && { ...heading, itemIndex: null };
};

function sectionsOf(text: string) {
  return splitSections(splitPadLines(text), byHeadings).map((section) => ({
    role: section.role,
    heading: section.headingText,
    lines: section.lines.filter((line) => !line.isBlank).map((line) => line.body),
  }));
}

describe('pad sections', () => {
  it('cuts the pad at each heading and keeps what comes first as the preamble', () => {
    expect(sectionsOf('Titre\n\nParticipants\n- Nadia\n\nSYNTHESE\n- une idée')).toEqual([
      { role: 'preamble', heading: null, lines: ['Titre'] },
      { role: 'participants', heading: 'Participants', lines: ['Nadia'] },
      { role: 'synthesis', heading: 'SYNTHESE', lines: ['une idée'] },
    ]);
  });

  it('turns text after a heading colon into the first line of its section', () => {
    expect(sectionsOf('Présent·es : Nadia, Camille\nExcusés : Marion')).toEqual([
      { role: 'preamble', heading: null, lines: [] },
      { role: 'participants', heading: 'Présent·es', lines: ['Nadia, Camille'] },
      { role: 'excused', heading: 'Excusés', lines: ['Marion'] },
    ]);
  });

  it('keeps opening unknown headings as the title and subtitle', () => {
    expect(sectionsOf('# Cercle Codev\n## Séance 4\n## Contexte\nTexte\n## Présents\n- Nadia')).toEqual([
      { role: 'preamble', heading: null, lines: ['# Cercle Codev', '## Séance 4'] },
      { role: 'other', heading: 'Contexte', lines: ['Texte'] },
      { role: 'participants', heading: 'Présents', lines: ['Nadia'] },
    ]);
  });

  it('has only an empty preamble for an empty pad', () => {
    expect(sectionsOf('')).toEqual([{ role: 'preamble', heading: null, lines: [] }]);
  });
});
