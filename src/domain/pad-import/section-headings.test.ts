import { describe, expect, it } from 'vitest';
import { splitPadLines } from './pad-lines.ts';
import { keywordKind, readHeading } from './section-headings.ts';

function headingOf(text: string) {
  const [line] = splitPadLines(text);
  if (!line) throw new Error('no line');
  return readHeading(line);
}

describe('section headings', () => {
  it.each([
    ['Participants', 'participants'],
    ['Présent·es', 'participants'],
    ['Présents', 'participants'],
    ['Participant(e)s :', 'participants'],
    ['Excusés', 'excused'],
    ['Excusé·es', 'excused'],
    ['Absents excusés', 'excused'],
    ['Ordre du jour', 'agenda'],
    ['ODJ', 'agenda'],
    ['Programme', 'agenda'],
    ['Notes communes', 'notes'],
    ['SYNTHESE', 'synthesis'],
    ['En synthèse', 'synthesis'],
    ['PROCHAINS PAS', 'actions'],
    ['Prochaines étapes', 'actions'],
    ['To-do list', 'actions'],
    ['To-do', 'actions'],
    ['À faire', 'actions'],
    ['Actions', 'actions'],
    ['A communiquer', 'announcements'],
    ['À communiquer', 'announcements'],
  ])('names %s a %s section', (text, kind) => {
    expect(keywordKind(text)).toBe(kind);
    expect(headingOf(text)?.kind).toBe(kind);
  });

  it('reads Markdown, bold and capital headings, known or not', () => {
    expect(headingOf('## Synthèse')).toEqual({
      kind: 'synthesis',
      text: 'Synthèse',
      inline: null,
      isMarked: true,
    });
    expect(headingOf('**Prochaines étapes :**')?.kind).toBe('actions');
    expect(headingOf('# Tour de table ##')).toEqual({
      kind: 'other',
      text: 'Tour de table',
      inline: null,
      isMarked: true,
    });
    expect(headingOf('**Divers**')?.kind).toBe('other');
    expect(headingOf('POINT SUR LE FORUM OUVERT')?.kind).toBe('other');
  });

  it('keeps what follows a known heading on the same line', () => {
    expect(headingOf('Participants : Nadia Benali, Camille Roux')).toEqual({
      kind: 'participants',
      text: 'Participants',
      inline: 'Nadia Benali, Camille Roux',
      isMarked: false,
    });
    expect(headingOf('**Excusées** : Marion')?.inline).toBe('Marion');
  });

  it('leaves content lines alone', () => {
    expect(headingOf('Qui porte la Riposte le jour j ?')).toBeNull();
    expect(headingOf('- Participants')).toBeNull();
    expect(headingOf('- **A :**')).toBeNull();
    expect(headingOf('Les participants ont apprécié la séance.')).toBeNull();
    expect(headingOf('12H00')).toBeNull();
    expect(headingOf('REX')).toBeNull();
    expect(headingOf('#hashtag')).toBeNull();
    expect(headingOf('')).toBeNull();
  });
});
