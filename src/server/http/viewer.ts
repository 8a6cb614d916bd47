import type { FastifyRequest } from 'fastify';
import type { Auth } from '../auth/auth.ts';
import { toBool } from '../db/columns.ts';
import { AppError } from './errors.ts';

/** The signed-in person making the request. */
export interface Viewer {
  id: string;
  isAdmin: boolean;
  /**
   * Set for a guest who joined a session by a code (decision 051): they stand in that session and
   * the boards and polls attached to it, and nowhere else.
   */
  guestScope?: GuestScope;
}

export interface GuestScope {
  sessionId: string;
  circleId: string;
}

/** The guest browser's cookie: a random secret whose SHA-256 names the guest (features/guests). */
export const GUEST_COOKIE = 'archipel_guest';

/** The value of one cookie in a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of header?.split(';') ?? []) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/** Only the cookie and who asks travel to the auth library: Origin was already checked by our own guard. */
export function authHeaders(request: FastifyRequest): Headers {
  const headers = new Headers();
  if (request.headers.cookie) headers.set('cookie', request.headers.cookie);
  const agent = request.headers['user-agent'];
  if (agent) headers.set('user-agent', agent);
  // The language of a new account (auth.ts) is the one its registration was made in.
  const language = request.headers['accept-language'];
  if (language) headers.set('accept-language', language);
  return headers;
}

export interface ViewerResolver {
  /** The viewer, or undefined for a visitor; resolved once per request. */
  find(request: FastifyRequest): Promise<Viewer | undefined>;
  /** The viewer, or 401. */
  require(request: FastifyRequest): Promise<Viewer>;
  /** Drops what is known of this request's session (it was just signed out). */
  forget(request: FastifyRequest): void;
  /** Drops the known sessions of one person (some of their sessions were deleted). */
  forgetUser(userId: string): void;
}

/**
 * Verified sessions are remembered this long in this process. Verifying costs an HMAC through
 * WebCrypto and two queries, a quarter of a ballot's CPU in the vote-storm benchmark. The price:
 * a session revoked by another instance (or an admin flag changed) is honoured up to this late;
 * sign-out, password resets and every other deletion of sessions on this instance take effect at
 * once. better-auth's own cookie
 * cache makes the same trade with five minutes.
 */
const VERIFIED_SESSION_MS = 5_000;
const MAX_VERIFIED_SESSIONS = 20_000;

/**
 * What identifies a session in a Cookie header: its session cookie(s), name and signed value, in
 * order. Other cookies beside it must not make another entry, or signing out through one header
 * would leave the same session remembered under another.
 */
export function sessionKey(cookie: string): string {
  const tokens = cookie
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => /^[^=]*session_token=/.test(pair));
  return tokens.length > 0 ? tokens.join('; ') : cookie;
}

export function createViewerResolver(
  auth: Auth,
  now: () => number = Date.now,
  /** Told of each session verified (at most every few seconds per session): "last active" tracking. */
  onSeen: (userId: string) => void = () => {},
  /**
   * The guest a guest cookie names while its code is open (never remembered: a revoked or expired
   * code ends the guest's access at their next request).
   */
  findGuest: (token: string) => Promise<Viewer | undefined> = async () => undefined,
): ViewerResolver {
  const cache = new WeakMap<FastifyRequest, Promise<Viewer | undefined>>();
  /** By the exact session cookie that was verified: a forged or changed token is never a hit. */
  const verified = new Map<string, { viewer: Viewer; until: number }>();

  async function resolve(request: FastifyRequest): Promise<Viewer | undefined> {
    if (!request.headers.cookie) return undefined;
    const account = await resolveAccount(request);
    if (account) return account;
    const guestToken = cookieValue(request.headers.cookie, GUEST_COOKIE);
    return guestToken ? findGuest(guestToken) : undefined;
  }

  async function resolveAccount(request: FastifyRequest): Promise<Viewer | undefined> {
    if (!request.headers.cookie || !/session_token=/.test(request.headers.cookie)) return undefined;
    const key = sessionKey(request.headers.cookie);
    const known = verified.get(key);
    if (known && known.until > now()) return known.viewer;
    verified.delete(key);
    const session = await auth.api.getSession({ headers: authHeaders(request) });
    if (!session) return undefined;
    const viewer = { id: session.user.id, isAdmin: toBool(session.user.isAdmin ?? false) };
    onSeen(viewer.id);
    const until = Math.min(now() + VERIFIED_SESSION_MS, new Date(session.session.expiresAt).getTime());
    if (verified.size >= MAX_VERIFIED_SESSIONS) verified.delete(verified.keys().next().value ?? '');
    verified.set(key, { viewer, until });
    return viewer;
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
    forget(request) {
      if (request.headers.cookie) verified.delete(sessionKey(request.headers.cookie));
    },
    forgetUser(userId) {
      for (const [key, entry] of verified) if (entry.viewer.id === userId) verified.delete(key);
    },
  };
}
