import { z } from 'zod';

/** How one may sign in on this instance: what the sign-in page offers (decision 039). */
export const signInProvidersSchema = z
  .object({
    /** Single sign-on through an OpenID Connect provider, when configured. */
    oidc: z
      .object({
        /** The provider's name on the button ("Se connecter avec {label}"). */
        label: z.string(),
        /** Where the button leads (add `returnTo`). */
        startUrl: z.string(),
      })
      .nullable(),
    /** False under OIDC_ONLY: no password sign-in or sign-up forms, no password reset. */
    passwordSignIn: z.boolean(),
  })
  .meta({ id: 'SignInProviders' });
export type SignInProviders = z.infer<typeof signInProvidersSchema>;

/**
 * A path on this site to come back to after signing in: never another origin ("//host",
 * "/\host", a control character that URL parsers strip to make "//").
 */
export const returnPathSchema = z
  .string()
  .max(2000)
  .refine(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting them is the point.
    (path) => path.startsWith('/') && !/^\/[/\\]/.test(path) && !/[\u0000-\u001f\u007f]/.test(path),
    'must be a path on this site',
  );

/** Why a single sign-on came back to the sign-in page (`?sso=`), as the person is told. */
export const ssoErrorKinds = ['refused', 'unverified', 'cancelled', 'expired', 'unavailable'] as const;
export type SsoErrorKind = (typeof ssoErrorKinds)[number];

/** After signing out: where the browser goes next (the provider's logout), or null. */
export const signOutSchema = z.object({ redirectTo: z.string().nullable() }).meta({ id: 'SignOut' });
export type SignOut = z.infer<typeof signOutSchema>;
