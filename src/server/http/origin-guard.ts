import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard: a browser always sends Origin on cross-origin writes, and
 * cannot forge Host. A write whose Origin is neither the public URL nor the host it was sent to is
 * refused. Requests without Origin (curl, server-to-server) carry no ambient cookie risk from a page.
 */
export function registerOriginGuard(app: FastifyInstance, publicUrl: string): void {
  const publicOrigin = new URL(publicUrl).origin;
  app.addHook('onRequest', async (request) => {
    if (safeMethods.has(request.method)) return;
    const origin = request.headers.origin;
    if (origin === undefined) return;
    if (origin === publicOrigin) return;
    if (isSameHost(origin, request.headers.host)) return;
    throw new AppError('FORBIDDEN', 'Cross-origin request refused');
  });
}

/** True when a browser's Origin is the instance itself: its public URL, or the host it called. */
export function isOwnOrigin(origin: string, host: string | undefined, publicUrl: string): boolean {
  return origin === new URL(publicUrl).origin || isSameHost(origin, host);
}

function isSameHost(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host;
  } catch {
    return false;
  }
}
