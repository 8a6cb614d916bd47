import { z } from 'zod';

export const errorCodes = [
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'INVALID_INPUT',
  'RATE_LIMITED',
  'UNAUTHENTICATED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** The one error shape every 4xx and 5xx answer carries. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorBodySchema>;
