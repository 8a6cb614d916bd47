import { describe, expect, it } from 'vitest';
import { readListEntries } from './list-entries.ts';
import { splitPadLines } from './pad-lines.ts';

describe('list entries', () => {
  it('reads each bullet, whatever its marker, and each plain line', () => {
    const lines = splitPadLines(
      [
        '- proposer un évènement distanciel',
        '* porter un **défi**',
        '',
        '+ en septembre : REX avec facilitateur.trices.',
        '',
        'Fin du cercle des boussoles en septembre.',
        'Reconduite à décider.',
      ].join('\n'),
    );
    expect(readListEntries(lines)).toEqual([
      'proposer un évènement distanciel',
      'porter un défi',
      'en septembre : REX avec facilitateur.trices.',
      'Fin du cercle des boussoles en septembre.',
      'Reconduite à décider.',
    ]);
  });

  it('joins a wrapped line to the bullet it is indented under', () => {
    const lines = splitPadLines('- une idée longue\n  qui continue ici\n- une autre');
    expect(readListEntries(lines)).toEqual(['une idée longue qui continue ici', 'une autre']);
  });

  it('keeps sub-bullets as entries of their own', () => {
    expect(readListEntries(splitPadLines('- REX\n  - en septembre'))).toEqual(['REX', 'en septembre']);
  });
});
