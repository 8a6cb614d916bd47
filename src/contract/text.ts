import { z } from 'zod';

/** A non-empty single line of text (a title, a name): trimmed, at most `max`, no control characters. */
export const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'one line, without control characters');
