import { z } from 'zod';

/**
 * Deleting my account: the password when the account has one. An account without one (single
 * sign-on only) proves itself by a sign-in less than REAUTHENTICATION_MINUTES old instead.
 */
export const deleteAccountSchema = z.object({ password: z.string().min(1).max(128).optional() });
export type DeleteAccount = z.infer<typeof deleteAccountSchema>;

/** How recent a sign-in must be to delete an account that has no password. */
export const REAUTHENTICATION_MINUTES = 10;

/**
 * `details.reason` of a refused deletion (403): the password is wrong, or the sign-in is too old
 * and the web sends the person to sign in again before asking once more.
 */
export const deleteRefusals = ['WRONG_PASSWORD', 'REAUTHENTICATE'] as const;
export type DeleteRefusal = (typeof deleteRefusals)[number];
