import { describe, expect, it } from 'vitest';
import { foldText, isWebUrl, letterOf, wikiLinks } from './glossary.ts';

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
});
