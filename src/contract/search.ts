import { z } from 'zod';
import { MAX_SEARCH_LENGTH, MAX_SEARCH_LIMIT, MAX_SEARCH_OFFSET, searchKinds } from '../domain/search.ts';
import { isTerritoryCode } from '../domain/territories.ts';

const calendarDay = z.iso.date();

export const searchQuerySchema = z
  .object({
    q: z
      .string()
      .trim()
      .min(1)
      .max(MAX_SEARCH_LENGTH)
      .describe('Words (all required), "a phrase", or a prefix*'),
    community: z.string().min(1).max(100).optional().describe('Slug of the community to search in'),
    kind: z.enum(searchKinds).optional(),
    circleId: z.string().min(1).max(100).optional(),
    territory: z
      .string()
      .max(10)
      .refine(isTerritoryCode, 'an unknown territory code (GET /api/v1/territories)')
      .optional()
      .describe('Circles and events of a région ("R75", with its départements) or a département ("33")'),
    from: calendarDay.optional().describe('First day (YYYY-MM-DD, UTC) of the objects’ dates'),
    to: calendarDay.optional().describe('Last day (YYYY-MM-DD, UTC), included'),
    limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(20),
    offset: z.coerce.number().int().min(0).max(MAX_SEARCH_OFFSET).default(0),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.to < value.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    }
  });
export type SearchQuery = z.infer<typeof searchQuerySchema>;

/** Offsets in a text (UTF-16 code units, as JavaScript counts them) of a matched word. */
const highlight = z.tuple([z.number().int().min(0), z.number().int().min(0)]);

export const searchResultSchema = z.object({
  kind: z.enum(searchKinds),
  id: z.string(),
  title: z.string(),
  titleHighlights: z.array(highlight),
  snippet: z.string().describe('Plain text around the best match; never HTML'),
  highlights: z.array(highlight).describe('Where the snippet matches the search'),
  url: z.string().describe('Web address of the object, from the site root'),
  circle: z.object({ id: z.string(), name: z.string() }).optional(),
  date: z.string().optional(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const searchResponseSchema = z.object({
  items: z.array(searchResultSchema),
  total: z
    .number()
    .int()
    .min(0)
    .describe('How many results the viewer may open in all (not only this page), counted up to 1,000'),
  totalIsExact: z.boolean().describe('False when there are more than `total` (1,000) results'),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;
