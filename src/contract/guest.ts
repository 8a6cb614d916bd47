import { z } from 'zod';
import { personNameSchema } from './person-name.ts';

/**
 * Guests by a code (decision 051): a facilitator opens a session to people without an account for
 * a while; a guest gives a name and takes part in that session only.
 */

/** The code's alphabet: no 0/O, 1/I/L, 2/Z, 5/S, 8/B to read aloud and type without doubt. */
export const guestCodeAlphabet = 'ACDEFGHJKMNPQRTUVWXY34679';
export const guestCodeLength = 8;

/** A code as typed: spaces and dashes ignored, case ignored (normalised by the server). */
export const guestCodeInputSchema = z
  .string()
  .max(32)
  .transform((text) => text.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(new RegExp(`^[${guestCodeAlphabet}]{${guestCodeLength}}$`), 'not a guest code'));

/** Between 15 minutes and 7 days; 4 hours unless the facilitator says otherwise. */
export const guestCodeCreateSchema = z
  .object({
    durationMinutes: z
      .number()
      .int()
      .min(15)
      .max(7 * 24 * 60)
      .default(240),
  })
  .strict();
export type GuestCodeCreateInput = z.input<typeof guestCodeCreateSchema>;

/** An open code, as the session's facilitators see it. */
export const guestCodeSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    code: z.string(),
    /** The join page with the code filled in: what the QR code holds. */
    url: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    /** Guests who joined with this code. */
    guestCount: z.number().int(),
  })
  .meta({ id: 'GuestCode' });
export type GuestCode = z.infer<typeof guestCodeSchema>;

export const guestJoinSchema = z.object({ code: guestCodeInputSchema, name: personNameSchema }).strict();
export type GuestJoinInput = z.input<typeof guestJoinSchema>;

/** What a guest may use: their session, its boards and its polls. */
export const guestHomeSchema = z
  .object({
    guest: z.object({ id: z.string(), name: z.string() }),
    expiresAt: z.string(),
    session: z.object({
      id: z.string(),
      title: z.string(),
      circleName: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      timeZone: z.string(),
      place: z.string().nullable(),
    }),
    boards: z.array(z.object({ id: z.string(), title: z.string() })),
    polls: z.array(z.object({ id: z.string(), title: z.string() })),
  })
  .meta({ id: 'GuestHome' });
export type GuestHome = z.infer<typeof guestHomeSchema>;

export const guestClaimResultSchema = z.object({ sessionId: z.string() }).meta({ id: 'GuestClaimResult' });
export type GuestClaimResult = z.infer<typeof guestClaimResultSchema>;

/**
 * The people who took part in a session as guests (not yet claimed by an account): what the
 * session's views use to mark their contributions "invité·e".
 */
export const sessionGuestsSchema = z
  .object({ items: z.array(z.object({ id: z.string(), name: z.string() })) })
  .meta({ id: 'SessionGuests' });
export type SessionGuests = z.infer<typeof sessionGuestsSchema>;
