import type { FastifyInstance } from 'fastify';
import { notFound } from './errors.ts';
import { GUEST_COOKIE, type ViewerResolver } from './viewer.ts';

/**
 * The only API routes a guest by a code may reach (decision 051): their home, their session's
 * check-in, its boards' post-its and dots (and the wall's CSV export), its polls' ballots, the shared notes and the live
 * socket, and comments on the notes' passages. Each route still asks the policy, which gives a guest a standing in their session and
 * what is attached to it only. Every other route answers a guest 404, as if it did not exist.
 */
export const guestRoutes: ReadonlySet<string> = new Set([
  'GET /api/v1/guests/me',
  'DELETE /api/v1/guests/me',
  'POST /api/v1/guests',
  'PUT /api/v1/sessions/:id/checkins/me',
  'GET /api/v1/boards/:id',
  'GET /api/v1/boards/:id/export.csv',
  'POST /api/v1/boards/:id/notes',
  'PATCH /api/v1/notes/:id',
  'DELETE /api/v1/notes/:id',
  'PUT /api/v1/notes/:id/dots/me',
  'DELETE /api/v1/notes/:id/dots/me',
  'GET /api/v1/polls/:id',
  'GET /api/v1/polls/:id/ballot',
  'PUT /api/v1/polls/:id/ballot',
  'GET /api/v1/polls/:id/results',
  'GET /api/v1/live',
  'GET /api/v1/notes',
  'GET /api/v1/sessions/:id/notes/comments',
  'POST /api/v1/sessions/:id/notes/comments',
  'POST /api/v1/sessions/:id/notes/comments/:commentId/resolve',
]);

/**
 * Signing in or creating an account, which a guest may do at any time to keep what they wrote (the
 * account's session then wins over the guest cookie); none of these reads anything of a scope.
 */
export const signInRoutes: ReadonlySet<string> = new Set([
  'POST /api/v1/auth/register',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/magic-link',
  'GET /api/v1/auth/magic-link/verify',
  'POST /api/v1/auth/magic-link/verify',
  'POST /api/v1/auth/verify-email',
  'POST /api/v1/auth/password-reset',
  'POST /api/v1/auth/password-reset/confirm',
  'GET /api/v1/auth/providers',
  'GET /api/v1/auth/oidc/start',
  'GET /api/v1/auth/oidc/callback',
]);

/** Refuses a guest every API route but theirs, before the body is read or a handler runs. */
export function registerGuestFence(app: FastifyInstance, viewers: ViewerResolver) {
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || !request.headers.cookie?.includes(`${GUEST_COOKIE}=`)) return;
    const viewer = await viewers.find(request);
    if (!viewer?.guestScope) return;
    const route = `${request.method} ${request.routeOptions.url ?? ''}`;
    if (!guestRoutes.has(route) && !signInRoutes.has(route)) throw notFound();
  });
}
