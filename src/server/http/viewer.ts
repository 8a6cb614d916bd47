import type { FastifyRequest } from 'fastify';
import type { Auth } from '../auth/auth.ts';
import { toBool } from '../db/columns.ts';
import { AppError } from './errors.ts';

/** The signed-in person making the request. */
export interface Viewer {
  id: string;
  isAdmin: boolean;
}

/** Only the cookie travels to the auth library: Origin was already checked by our own guard. */
export function authHeaders(request: FastifyRequest): Headers {
  const headers = new Headers();
  if (request.headers.cookie) headers.set('cookie', request.headers.cookie);
  const agent = request.headers['user-agent'];
  if (agent) headers.set('user-agent', agent);
  return headers;
}

export interface ViewerResolver {
  /** The viewer, or undefined for a visitor; resolved once per request. */
  find(request: FastifyRequest): Promise<Viewer | undefined>;
  /** The viewer, or 401. */
  require(request: FastifyRequest): Promise<Viewer>;
}

export function createViewerResolver(auth: Auth): ViewerResolver {
  const cache = new WeakMap<FastifyRequest, Promise<Viewer | undefined>>();

  async function resolve(request: FastifyRequest): Promise<Viewer | undefined> {
    if (!request.headers.cookie) return undefined;
    const session = await auth.api.getSession({ headers: authHeaders(request) });
    if (!session) return undefined;
    return { id: session.user.id, isAdmin: toBool(session.user.isAdmin ?? false) };
  }

  function find(request: FastifyRequest) {
    let pending = cache.get(request);
    if (!pending) {
      pending = resolve(request);
      cache.set(request, pending);
    }
    return pending;
  }

  return {
    find,
    async require(request) {
      const viewer = await find(request);
      if (!viewer) throw new AppError('UNAUTHENTICATED', 'Sign in first');
      return viewer;
    },
  };
}
