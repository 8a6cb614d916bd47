/**
 * Signed-in accounts by the thousand for the idle-connections benchmark, without paying the
 * password hash (scrypt, 50–100 ms of a core each: 10,000 sign-ups would take a quarter of an
 * hour). The fast path goes through the server's own account code: better-auth, built by the
 * server's `createAuth` on the server's own SQLite file and secret, creates each user and a real
 * session row (its internal adapter, with the server's hooks); the session cookie is then signed
 * as better-auth signs it (HMAC-SHA256 of the token with the secret). The accounts have no
 * password; everything after this (joining circles, the live socket) goes through HTTP with the
 * cookie, and the server verifies it as it verifies a browser's.
 */
import { createHmac } from 'node:crypto';
import { createAuth } from '../src/server/auth/auth.ts';
import { openDatabase } from '../src/server/db/database.ts';

export interface SignedInAccounts {
  cookies: string[];
  /** How they were made, for the benchmark's output. */
  how: string;
}

export async function createSignedInAccounts(options: {
  dataDir: string;
  secret: string;
  publicUrl: string;
  count: number;
  run: string;
}): Promise<SignedInAccounts> {
  const database = openDatabase({ dataDir: options.dataDir });
  try {
    const auth = createAuth({
      database,
      secret: options.secret,
      publicUrl: options.publicUrl,
      // No mail is sent on this path (no sign-up route, no address check).
      mailer: { transport: 'outbox', send: async () => {} },
    });
    const context = await auth.$context;
    const cookieName = context.authCookies.sessionToken.name;
    const cookies: string[] = [];
    for (let i = 0; i < options.count; i++) {
      const user = await context.internalAdapter.createUser(
        { email: `idle${i}.${options.run}@bench.example`, name: `Participant ${i}`, emailVerified: true },
        { method: 'admin' },
      );
      const session = await context.internalAdapter.createSession(user.id, false);
      const signature = createHmac('sha256', options.secret).update(session.token).digest('base64');
      cookies.push(`${cookieName}=${encodeURIComponent(`${session.token}.${signature}`)}`);
    }
    return {
      cookies,
      how: 'users and sessions created by better-auth (the server`s createAuth, its internal adapter) in the server`s database, real signed session cookies, no password',
    };
  } finally {
    await database.close();
  }
}
