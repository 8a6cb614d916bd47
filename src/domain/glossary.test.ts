import { describe, expect, it } from 'vitest';
import { foldText, isWebUrl, letterOf, selectTop, wikiLinks } from './glossary.ts';

describe('glossary rules', () => {
  it('files a term under its first letter, accents and ligatures folded, others under #', () => {
    expect(letterOf('Écoute')).toBe('E');
    expect(letterOf('Œuvre')).toBe('O');
    expect(letterOf('  altérité')).toBe('A');
    expect(letterOf('Ça')).toBe('C');
    expect(letterOf('3 mots par lettre')).toBe('#');
    expect(letterOf('« Riposte »')).toBe('#');
  });

  it('folds case, accents, ligatures and spaces, so a term is found once', () => {
    expect(foldText('Apprendre  Ensemble')).toBe('apprendre ensemble');
    expect(foldText('ÉCOUTE')).toBe(foldText('écoute'));
    expect(foldText('Cœur')).toBe('coeur');
    expect(foldText('Biomimétisme')).toBe(foldText('Biomimetisme'));
  });

  it('reads wiki links once each, in order', () => {
    expect(wikiLinks('Voir [[Archipel]], [[ archipel ]] et [[Boussoles]]; pas [[]] ni [[a\nb]].')).toEqual([
      'Archipel',
      'Boussoles',
    ]);
  });

  it('accepts only http and https sources', () => {
    expect(isWebUrl('https://example.org/a')).toBe(true);
    expect(isWebUrl('http://example.org')).toBe(true);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
    expect(isWebUrl('JAVASCRIPT:alert(1)')).toBe(false);
    expect(isWebUrl('data:text/html,x')).toBe(false);
    expect(isWebUrl('/relative')).toBe(false);
  });

  it('selects the top K of a letter, every term tied at the cut, never a term without a vote', () => {
    const o = (id: string, count: number) => ({ id, count });
    const ids = (result: { selected: { id: string }[]; tied: boolean }) => [
      result.selected.map((x) => x.id),
      result.tied,
    ];
    expect(ids(selectTop([o('a', 5), o('b', 7), o('c', 1), o('d', 6), o('e', 2)], 3))).toEqual([
      ['b', 'd', 'a'],
      false,
    ]);
    expect(ids(selectTop([o('a', 5), o('b', 7), o('c', 5), o('d', 6), o('e', 2)], 2))).toEqual([
      ['b', 'd'],
      false,
    ]);
    expect(ids(selectTop([o('a', 5), o('b', 7), o('c', 5), o('d', 6)], 3))).toEqual([
      ['b', 'd', 'a', 'c'],
      true,
    ]);
    expect(ids(selectTop([o('a', 0), o('b', 2), o('c', 0)], 3))).toEqual([['b'], false]);
    expect(ids(selectTop([], 3))).toEqual([[], false]);
  });
});
