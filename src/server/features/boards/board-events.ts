import { toBool } from '../../db/columns.ts';

export const boardTopic = (boardId: string) => `board:${boardId}`;

/**
 * The post-it id an event may name: none for a post-it still private (its existence shows in a
 * count, not which one), nor for dots while totals are hidden (who voted for what stays unsaid).
 */
export function publicNoteId(note: { id: string; private: boolean | number }): string | null {
  return toBool(note.private) ? null : note.id;
}

export function dotsNoteId(
  board: { hideDots: boolean | number; dotsRevealed: boolean | number },
  noteId: string,
): string | null {
  return toBool(board.hideDots) && !toBool(board.dotsRevealed) ? null : noteId;
}
