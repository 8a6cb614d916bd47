import { z } from 'zod';
import type { PolicyAction } from '../domain/policy.ts';

/**
 * What the viewer may do on this object now, from the object's policy (domain/policy.ts), under the
 * same names on every kind: `read` (see it), `takePart` (contribute: vote, answer, sign up, check
 * in, write post-its; false while the object's state refuses contributions, e.g. a locked board or
 * a closed poll), `steer` (facilitate and organise: edit, open, close, reveal, delete).
 */
export const abilitiesSchema = z
  .object({ read: z.boolean(), takePart: z.boolean(), steer: z.boolean() } satisfies Record<
    PolicyAction,
    z.ZodBoolean
  >)
  .meta({
    id: 'Abilities',
    description:
      'What the viewer may do on this object now, from its policy: read (see it), takePart (contribute: vote, answer, sign up, check in, write), steer (facilitate: edit, open, close, reveal, delete).',
  });
export type AbilitiesDto = z.infer<typeof abilitiesSchema>;

/** An older per-feature flag kept for API clients: says which ability replaces it. */
export const deprecatedFlag = (replacement: string) =>
  z.boolean().meta({ deprecated: true, description: `Deprecated: read abilities.${replacement} instead.` });
