import { describe, expect, it } from 'vitest';
import { joinBlocks, toMarkdown } from './notes-text.ts';
import { splitPadLines } from './pad-lines.ts';

describe('notes text', () => {
  it('keeps paragraphs and lists as written, with single blank lines between them', () => {
    const lines = splitPadLines('\r\n\r\nPremier paragraphe.\r\n\r\n\r\n- **A :**\r\n - Altérité  \r\n\r\n');
    expect(toMarkdown(lines)).toBe('Premier paragraphe.\n\n- **A :**\n - Altérité');
  });

  it('joins blocks and skips empty ones', () => {
    expect(joinBlocks(['un', '', 'deux'])).toBe('un\n\ndeux');
    expect(joinBlocks([])).toBe('');
  });
});
