import { z } from 'zod';

export const outboxMessageSchema = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    /** Secret links (unsubscribe, a poll's share link) appear as `[redacted]`. */
    text: z.string(),
    /**
     * An account mail (sign-in, password reset, address check): its content belongs to its
     * recipient alone and was not kept; `text` is empty.
     */
    withheld: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'OutboxMessage' });
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['sqlite', 'postgres']),
  /** `redis-unreachable`: live events are paused until Redis answers (clients then refetch). */
  live: z.enum(['in-process', 'redis', 'redis-unreachable']),
  version: z.string(),
});
