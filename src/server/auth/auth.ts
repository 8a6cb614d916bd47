import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { magicLink } from 'better-auth/plugins/magic-link';
import type { Database } from '../db/database.ts';
import { localeOfAcceptLanguage } from '../http/request-locale.ts';
import { addressCheckMail, magicLinkMail, passwordResetMail } from '../mail/auth-mails.ts';
import { asLocale } from '../mail/mail-i18n.ts';
import type { Mailer } from '../mail/mailer.ts';
import { openSessionPlugin } from './open-session-plugin.ts';

export interface AuthOptions {
  database: Database;
  secret: string;
  publicUrl: string;
  mailer: Mailer;
  /**
   * Some or all of a person's sessions were deleted (signed out, password reset, a first proof of
   * their address): whatever was opened with them (live sockets, notes) must end too.
   */
  onSessionsEnded?: (userId: string) => void;
  /** Where failures that must not fail the request (a verification mail not sent) are told. */
  log?: (message: string) => void;
  /**
   * Replaces better-auth's scrypt (N=16384, r=16: about 32 MiB and 50–100 ms a hash). Only the
   * test app passes one (src/server/testing/fast-password-hashing.ts); production never does.
   */
  passwordHashing?: PasswordHashing;
}

export interface PasswordHashing {
  hash(password: string): Promise<string>;
  verify(data: { hash: string; password: string }): Promise<boolean>;
}

/**
 * The account whose password a reset changed, told to the route that asked for the reset (the
 * reset token names nobody the route can read): it runs the call inside `run({}, …)`.
 */
export const passwordResets = new AsyncLocalStorage<{ userId?: string }>();

/** Seconds. */
const MAGIC_LINK_TTL = 15 * 60;
const RESET_TTL = 60 * 60;
const ADDRESS_CHECK_TTL = 24 * 60 * 60;

/** The web pages mailed links open: each shows a button; opening the link alone changes nothing. */
export const SIGN_IN_LINK_PAGE = '/sign-in/link';
export const ADDRESS_CHECK_PAGE = '/verify-email';

/**
 * better-auth does the account work (hashing, sessions, tokens) on our own Kysely instance and
 * tables. It is never exposed directly: Archipel's /api/v1/auth routes call its API in-process,
 * so the public contract, validation, rate limits and error shape stay ours.
 */
export function createAuth(options: AuthOptions) {
  const { database, publicUrl, mailer } = options;
  const log = options.log ?? (() => {});
  const secure = publicUrl.startsWith('https://');

  async function localeOf(email: string) {
    const row = await database.db
      .selectFrom('users')
      .select('locale')
      .where('email', '=', email)
      .executeTakeFirst();
    return asLocale(row?.locale);
  }

  return betterAuth({
    appName: 'Archipel',
    baseURL: publicUrl,
    basePath: '/internal/auth',
    secret: options.secret,
    database: { db: database.db, type: database.dialect, transaction: true },
    telemetry: { enabled: false },
    // Failed sign-ins are expected traffic; our own routes log what matters.
    logger: { level: 'error' },
    // Rate limits are ours (per socket address, AUTH_RATE_LIMIT), applied on the public routes.
    rateLimit: { enabled: false },
    trustedOrigins: [new URL(publicUrl).origin],
    user: {
      modelName: 'users',
      additionalFields: {
        organisation: { type: 'string', required: false, input: false },
        territory: { type: 'string', required: false, input: false },
        bio: { type: 'string', required: false, input: false },
        locale: { type: 'string', required: false, defaultValue: 'fr', input: false },
        isAdmin: { type: 'boolean', required: false, defaultValue: false, input: false },
        /** Set by an instance admin (features/admin): no session is created for the account. */
        disabledAt: { type: 'date', required: false, input: false },
      },
    },
    session: {
      modelName: 'auth_sessions',
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
    },
    account: { modelName: 'auth_accounts' },
    // Reset tokens (and every other identifier) are kept as their SHA-256 only: whoever reads the
    // table, a backup or a replica cannot use a pending link. Magic-link tokens are hashed by their
    // plugin before this, so they are hashed twice, which changes nothing.
    verification: { modelName: 'auth_verifications', storeIdentifier: 'hashed' },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      autoSignIn: true,
      ...(options.passwordHashing && { password: options.passwordHashing }),
      resetPasswordTokenExpiresIn: RESET_TTL,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, token }) => {
        const url = `${publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
        await mailer.send(passwordResetMail(user.email, url, await localeOf(user.email)));
      },
      // Using the mailed reset link proves the address as well as a verification link does.
      onPasswordReset: async ({ user }) => {
        const call = passwordResets.getStore();
        if (call) call.userId = user.id;
        await database.db
          .updateTable('users')
          .set({ emailVerified: true })
          .where('id', '=', user.id)
          .execute();
      },
    },
    // A new address gets a link that proves it. Until then it is "unproven": the first sign-in link
    // used for it removes the password and sessions set up before (better-auth's defence against
    // someone who registered another person's address first), so proving it early matters.
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: false,
      expiresIn: ADDRESS_CHECK_TTL,
      sendVerificationEmail: async ({ user, token }) => {
        const url = `${publicUrl}${ADDRESS_CHECK_PAGE}?token=${encodeURIComponent(token)}`;
        // Registration succeeds even when the mail server does not answer: the person can still
        // prove the address later with a sign-in or reset link.
        try {
          await mailer.send(addressCheckMail(user.email, url, await localeOf(user.email)));
        } catch (error) {
          log(`address check mail not sent: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    },
    databaseHooks: {
      // A new account's mails (its address check first) are in the language it registered in, until
      // its owner picks one in their profile.
      user: {
        create: {
          before: async (user, context) => ({
            data: { ...user, locale: localeOfAcceptLanguage(context?.headers?.get('accept-language')) },
          }),
        },
      },
      session: {
        // A disabled account gets no session, whatever the way in (password, mailed link, OIDC):
        // better-auth then refuses the sign-in. Its sessions were deleted when it was disabled.
        create: {
          // Read through better-auth's adapter: inside its transaction (sign-up), the database's
          // one SQLite connection is taken, and a query beside it would wait forever.
          before: async (session, context) => {
            const user = await context?.context.internalAdapter.findUserById(session.userId);
            if (user && 'disabledAt' in user && user.disabledAt != null) return false;
          },
        },
        delete: {
          after: async (session) => options.onSessionsEnded?.(session.userId),
        },
      },
    },
    plugins: [
      openSessionPlugin(),
      magicLink({
        expiresIn: MAGIC_LINK_TTL,
        disableSignUp: true,
        storeToken: 'hashed',
        sendMagicLink: async ({ email, token }) => {
          const url = `${publicUrl}${SIGN_IN_LINK_PAGE}?token=${encodeURIComponent(token)}`;
          await mailer.send(magicLinkMail(email, url, await localeOf(email)));
        },
      }),
    ],
    advanced: {
      cookiePrefix: 'archipel',
      useSecureCookies: secure,
      defaultCookieAttributes: { sameSite: 'lax', httpOnly: true, secure, path: '/' },
      database: { generateId: () => randomUUID() },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
