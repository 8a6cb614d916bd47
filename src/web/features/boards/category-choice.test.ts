import { describe, expect, it } from 'vitest';
import { categoryChoice } from './category-choice.ts';

describe('categoryChoice', () => {
  it('keeps a pick the legend still has', () => {
    expect(categoryChoice([{ id: 'bleu' }, { id: 'jaune' }], 'jaune')).toBe('jaune');
  });
  it('falls back on the first category when the pick was removed from the legend', () => {
    expect(categoryChoice([{ id: 'vert' }, { id: 'jaune' }], 'bleu')).toBe('vert');
  });
  it('picks the first category of a legend added after the page opened, none without a legend', () => {
    expect(categoryChoice([{ id: 'vert' }], '')).toBe('vert');
    expect(categoryChoice([], 'bleu')).toBeNull();
  });
});
