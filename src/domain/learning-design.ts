/**
 * Learning designs (scénarios pédagogiques): timed sequences that a session's agenda is planned
 * from (sequence-plan.ts, kept apart so the web's forms do not draw in the time-zone library).
 */

export const MAX_SEQUENCE_MINUTES = 600;
export const MAX_SEQUENCES = 50;

/** The minutes a design lasts: the sum of its sequences. */
export function totalMinutes(sequences: readonly { minutes: number }[]): number {
  return sequences.reduce((sum, sequence) => sum + sequence.minutes, 0);
}
