import { z } from 'zod';

/** A whole list, small and bounded by design (an agenda, a session's check-ins): `{ items }`. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

/** One page of a list; `nextCursor` is null on the last page (docs/decisions/023). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  });
}

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 100;

/** Querystring of every paged list; the cursor is opaque (base64url), only its shape is checked here. */
export const pageQuerySchema = z.object({
  cursor: z
    .string()
    .max(1000)
    .regex(/^[A-Za-z0-9_-]+$/, 'Not a cursor this server gave')
    .optional()
    .describe('`nextCursor` of the previous page'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_LIMIT)
    .default(DEFAULT_PAGE_LIMIT)
    .describe(`Items per page (default ${DEFAULT_PAGE_LIMIT}, at most ${MAX_PAGE_LIMIT})`),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;
