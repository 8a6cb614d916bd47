/**
 * Boards: coloured post-its with a legend, clusters and dot votes. Pure rules, no I/O.
 * The palette keeps the seven names people use ("BLEU = prochains pas"); the web draws each with
 * a colour-blind-safe tone and a pattern, so colour is never the only signal.
 */
export const boardColors = ['blue', 'yellow', 'green', 'pink', 'orange', 'purple', 'grey'] as const;
export type BoardColor = (typeof boardColors)[number];

export const NOTE_TEXT_MAX = 2000;
export const DEFAULT_DOTS_PER_PARTICIPANT = 5;

/** The per-note ceiling in force: at most the whole budget, the whole budget when unset. */
export function effectiveMaxPerNote(dotsPerParticipant: number, maxDotsPerNote: number | null): number {
  return Math.min(maxDotsPerNote ?? dotsPerParticipant, dotsPerParticipant);
}

/** Dots someone may still place: never below zero, even when the budget was lowered under their dots. */
export function dotsLeft(board: { dotsPerParticipant: number; myDotsUsed: number }): number {
  return Math.max(0, board.dotsPerParticipant - board.myDotsUsed);
}

export type DotsProblem = 'over-note-max' | 'over-budget';

/**
 * Whether someone may put `count` dots on one post-it, given the dots they already have on the
 * board's other post-its. Lowering one's own dots is always allowed, even above a budget that was
 * lowered meanwhile: people may take dots back, never add beyond the rules.
 */
export function dotsProblem(input: {
  count: number;
  current: number;
  usedElsewhere: number;
  dotsPerParticipant: number;
  maxDotsPerNote: number | null;
}): DotsProblem | null {
  if (input.count <= input.current) return null;
  if (input.count > effectiveMaxPerNote(input.dotsPerParticipant, input.maxDotsPerNote))
    return 'over-note-max';
  if (input.usedElsewhere + input.count > input.dotsPerParticipant) return 'over-budget';
  return null;
}

/** Dot voting is open until the board is locked or its timer ends. */
export function isVotingOpen(
  board: { locked: boolean; votingClosesAt: string | null },
  now: number,
): boolean {
  return !board.locked && (board.votingClosesAt === null || Date.parse(board.votingClosesAt) > now);
}

/** The ranking of results: most dots first, then the earliest post-it. */
export function rankNotes<T extends { dots: number; createdAt: string; id: string }>(notes: T[]): T[] {
  return [...notes].sort(
    (a, b) => b.dots - a.dots || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
}
