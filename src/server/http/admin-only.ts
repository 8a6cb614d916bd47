import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ViewerResolver } from './viewer.ts';

/**
 * An `onRequest` hook that hides a route from anyone but instance admins: signed out, member or
 * outsider gets the very 404 of a route that does not exist, before the body or query are even
 * read (a validation error would tell the route is there). Decision 038.
 */
export function adminOnly(viewers: ViewerResolver) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const viewer = await viewers.find(request);
    if (viewer?.isAdmin) return;
    const path = request.url.split('?')[0];
    await reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message: `No route for ${request.method} ${path}` } });
  };
}
