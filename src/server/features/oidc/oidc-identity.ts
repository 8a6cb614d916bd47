import { z } from 'zod';
import { personNameSchema } from '../../../contract/person-name.ts';

/** What Archipel reads of a person from the provider (ID token claims merged with UserInfo). */
export interface OidcIdentity {
  subject: string;
  email: string | undefined;
  /** true or false when the provider said so; undefined when it sent no `email_verified`. */
  emailVerified: boolean | undefined;
  name: string | undefined;
}

const text = z.string().trim().max(200);

/**
 * Claims as providers send them. `email_verified` is a boolean by the standard; some providers
 * send "true"/"false" as text. ProConnect sends the name in use as `usual_name` (the birth name,
 * `family_name`, only where there is no other).
 */
const claimsSchema = z.object({
  sub: z.string().min(1).max(255),
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)).optional().catch(undefined),
  email_verified: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')])
    .optional()
    .catch(undefined),
  given_name: text.optional().catch(undefined),
  usual_name: text.optional().catch(undefined),
  family_name: text.optional().catch(undefined),
  name: text.optional().catch(undefined),
});

/** Parses the provider's claims; undefined when they do not even name a subject. */
export function identityOf(claims: Record<string, unknown>): OidcIdentity | undefined {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) return undefined;
  const c = parsed.data;
  const composed = [c.given_name, c.usual_name || c.family_name].filter(Boolean).join(' ');
  return {
    subject: c.sub,
    email: c.email,
    emailVerified: c.email_verified,
    name: personNameSchema.safeParse(composed || c.name).data,
  };
}

/** The profile name of a new person: the provider's names, else the address's local part. */
export function profileNameOf(identity: OidcIdentity & { email: string }): string {
  return identity.name ?? personNameSchema.catch('?').parse(identity.email.split('@')[0]);
}
