import { z } from 'zod';
import { personNameSchema } from './person-name.ts';
import { territoryCodesSchema } from './territory.ts';

const profileText = (max: number) => z.string().trim().max(max);

/** What others may see of a person: never their e-mail address. */
export const publicUserSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    organisation: z.string().nullable(),
    territory: z.string().nullable(),
    bio: z.string().nullable(),
  })
  .meta({ id: 'PublicUser' });
export type PublicUser = z.infer<typeof publicUserSchema>;

/** The signed-in person's own account. */
export const meSchema = publicUserSchema
  .extend({
    email: z.email(),
    isAdmin: z.boolean(),
    locale: z.enum(['fr', 'en']),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

export const profileUpdateSchema = z
  .object({
    name: personNameSchema,
    organisation: profileText(160).nullable(),
    territory: profileText(120).nullable(),
    bio: profileText(1000).nullable(),
    locale: z.enum(['fr', 'en']),
    /** Régions and départements of one's profile: only its person sets them. */
    territoryCodes: territoryCodesSchema,
  })
  .partial()
  .strict();
export type ProfileUpdate = z.output<typeof profileUpdateSchema>;

/** The signed-in person's own profile: the account and the territories it names. */
export const profileSchema = meSchema.extend({ territoryCodes: z.array(z.string()) }).meta({ id: 'Profile' });
export type Profile = z.infer<typeof profileSchema>;
export const profileEnvelopeSchema = z.object({ user: profileSchema });

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));
export const passwordSchema = z.string().min(8).max(128);

export const registerSchema = z
  .object({ email: emailSchema, password: passwordSchema, name: personNameSchema })
  .strict();
export type RegisterInput = z.infer<typeof registerSchema>;

export const loginSchema = z.object({ email: emailSchema, password: z.string().min(1).max(128) }).strict();
export type LoginInput = z.infer<typeof loginSchema>;

export const emailOnlySchema = z.object({ email: emailSchema }).strict();

export const passwordResetConfirmSchema = z
  .object({ token: z.string().min(1).max(512), password: passwordSchema })
  .strict();

/** The token of a mailed sign-in link, sent by the page's button (never acted on by a GET). */
export const signInLinkSchema = z.object({ token: z.string().min(1).max(512) }).strict();

/** The token of a mailed address check link (a signed JWT, longer). */
export const addressCheckSchema = z.object({ token: z.string().min(1).max(2048) }).strict();

export const userEnvelopeSchema = z.object({ user: meSchema });
