import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthEndpoint } from 'better-auth/api';
import { setSessionCookie } from 'better-auth/cookies';
import { z } from 'zod';

/**
 * Opens a session for a person another way of signing in has already proven (single sign-on,
 * decision 039): a fresh session row through better-auth's own adapter (its hooks run) and the
 * same signed cookie password sign-in sets. Server-only: no HTTP route reaches it, only
 * `auth.api.openSession` in this process, after the proof.
 */
export function openSessionPlugin() {
  return {
    id: 'archipel-open-session',
    endpoints: {
      openSession: createAuthEndpoint(
        '/archipel/open-session',
        {
          method: 'POST',
          body: z.object({ userId: z.string().min(1) }),
          metadata: { SERVER_ONLY: true },
        },
        async (ctx) => {
          const { internalAdapter } = ctx.context;
          const user = await internalAdapter.findUserById(ctx.body.userId);
          if (!user) throw new APIError('NOT_FOUND', { message: 'No such account' });
          const session = await internalAdapter.createSession(user.id);
          // A session hook refused the account (a disabled one, auth.ts): no session, no cookie.
          if (!session) throw new APIError('FORBIDDEN', { message: 'This account may not sign in' });
          await setSessionCookie(ctx, { session, user });
          return ctx.json({ sessionId: session.id, userId: user.id });
        },
      ),
    },
  } satisfies BetterAuthPlugin;
}
