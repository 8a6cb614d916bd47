import { describe, expect, it } from 'vitest';
import { moveRow, removedCategories } from './legend-editor.tsx';

describe('moveRow', () => {
  it('moves a category up or down by one place', () => {
    expect(moveRow(['blue', 'yellow', 'green'], 2, -1)).toEqual(['blue', 'green', 'yellow']);
    expect(moveRow(['blue', 'yellow', 'green'], 0, 1)).toEqual(['yellow', 'blue', 'green']);
  });

  it('leaves the legend as it is at either end', () => {
    expect(moveRow(['blue', 'yellow'], 0, -1)).toEqual(['blue', 'yellow']);
    expect(moveRow(['blue', 'yellow'], 1, 1)).toEqual(['blue', 'yellow']);
  });
});

describe('removedCategories', () => {
  const board = {
    categories: [
      { id: 'c1', name: 'BLEU', color: 'blue' as const, meaning: '' },
      { id: 'c2', name: 'JAUNE', color: 'yellow' as const, meaning: '' },
    ],
  };

  it('names the categories the edited legend left out, not the new ones', () => {
    expect(removedCategories(board, [{ id: 'c2' }, {}]).map((c) => c.name)).toEqual(['BLEU']);
    expect(removedCategories(board, [{ id: 'c1' }, { id: 'c2' }])).toEqual([]);
  });
});
