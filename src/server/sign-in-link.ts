import { createAuth } from './auth/auth.ts';
import { resolveAuthSecret } from './auth/auth-secret.ts';
import { openDatabase } from './db/database.ts';
import type { Env } from './env.ts';
import type { Mailer, MailMessage } from './mail/mailer.ts';

/** Why no link could be made, in words for the operator. */
export class SignInLinkError extends Error {}

/**
 * A fresh one-time sign-in link for an account, for the operator at the machine (the command
 * `archipel sign-in-link <address>`): how people sign in on an instance without SMTP, where account
 * mails are never shown to anyone, admins included. It needs the database and the instance's
 * secret, which only the operator holds; it sends nothing and stores nothing readable.
 */
export async function createSignInLink(env: Env, email: string): Promise<string> {
  const address = email.trim().toLowerCase();
  const database = openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    const user = await database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', address)
      // An erased account (decision 040) is nobody to sign in as.
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    if (!user) throw new SignInLinkError(`No account uses the address ${address}.`);
    let made: MailMessage | undefined;
    // The link is made exactly as for a mail, and handed back instead of being sent.
    const handOver: Mailer = {
      transport: 'outbox',
      async send(message) {
        made = message;
      },
    };
    const auth = createAuth({
      database,
      secret: await resolveAuthSecret(database.db, env.AUTH_SECRET),
      publicUrl: env.PUBLIC_URL,
      mailer: handOver,
    });
    await auth.api.signInMagicLink({ body: { email: address }, headers: new Headers() });
    if (!made?.link) throw new SignInLinkError('The sign-in link could not be made.');
    return made.link;
  } finally {
    await database.close();
  }
}
