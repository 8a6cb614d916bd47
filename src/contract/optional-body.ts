import type { z } from 'zod';

/**
 * A JSON body that may be left out entirely (Fastify then hands over null): the action needs no
 * input in the common case, e.g. "join this circle".
 */
export function optionalBody<T extends z.ZodObject>(schema: T) {
  return schema.nullish().transform((body) => body ?? schema.parse({}));
}
