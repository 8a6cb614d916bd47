import i18next from 'i18next';
import type { ErrorCode } from '../../contract/error.ts';
import { noteServerDate } from './server-clock.ts';

/** `NETWORK` is ours: the request never got an answer (offline, DNS, proxy down). */
export type ApiErrorCode = ErrorCode | 'NETWORK';

export interface FieldIssue {
  path: string[];
  message: string;
}

/** An API failure, carrying the server's `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: unknown;

  constructor(status: number, code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The per-field issues of an INVALID_INPUT answer; anything else yields none. */
  get fieldIssues(): FieldIssue[] {
    if (this.code !== 'INVALID_INPUT' || !Array.isArray(this.details)) return [];
    return this.details.filter(isFieldIssue);
  }
}

function isFieldIssue(value: unknown): value is FieldIssue {
  if (typeof value !== 'object' || value === null || !('path' in value) || !('message' in value))
    return false;
  const { path, message } = value;
  return Array.isArray(path) && path.every((p) => typeof p === 'string') && typeof message === 'string';
}

// A record rather than an import of the contract's list: importing a value from the contract
// module would bring zod with it. The Record type still fails to compile if a code is added.
const knownCodes: Record<ErrorCode, true> = {
  NOT_FOUND: true,
  FORBIDDEN: true,
  CONFLICT: true,
  INVALID_INPUT: true,
  RATE_LIMITED: true,
  UNAUTHENTICATED: true,
  INTERNAL: true,
};

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(knownCodes, value);
}

const statusCodes: Record<number, ErrorCode> = {
  400: 'INVALID_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'RATE_LIMITED',
};

/**
 * Reads an error answer. Checked by hand rather than with the contract's zod schema, which
 * would put zod in every screen's first load. A proxy's HTML page or an empty body still
 * yields a usable code, from the HTTP status.
 */
export async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const { error } = body;
    if (typeof error === 'object' && error !== null && 'code' in error && isErrorCode(error.code)) {
      const message = 'message' in error && typeof error.message === 'string' ? error.message : error.code;
      return new ApiError(
        response.status,
        error.code,
        message,
        'details' in error ? error.details : undefined,
      );
    }
  }
  const code = statusCodes[response.status] ?? 'INTERNAL';
  return new ApiError(response.status, code, response.statusText || code);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A plain-text body (pasted notes), sent as `text/plain; charset=utf-8` instead of JSON. */
  textBody?: string;
  signal?: AbortSignal;
  /** Extra request headers (an anonymous answer's receipt). */
  headers?: Record<string, string>;
}

/**
 * The Idempotency-Key of each POST still without an answer, by path and body. The same submission
 * sent again before it was answered (a double click, a second Enter) or after it got none (the
 * network failed: it may have been created all the same) carries the same key, and the server
 * creates once and answers both alike. Any answer ends the attempt: the next submission, even an
 * identical one, is a new creation with a new key.
 */
const unansweredKeys = new Map<string, string>();
const MAX_UNANSWERED = 100;

/** A random UUID v4. `crypto.randomUUID` exists only on HTTPS; an instance may be served over HTTP. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function keyOfAttempt(attempt: string): string {
  let key = unansweredKeys.get(attempt);
  if (!key) {
    if (unansweredKeys.size >= MAX_UNANSWERED)
      unansweredKeys.delete(unansweredKeys.keys().next().value ?? '');
    key = newIdempotencyKey();
    unansweredKeys.set(attempt, key);
  }
  return key;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const hasBody = options.body !== undefined;
  const body = options.textBody ?? (hasBody ? JSON.stringify(options.body) : undefined);
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
  // The interface's language, not the browser's: what a guest's or a new account's mail is written in.
  if (i18next.language) headers['accept-language'] = i18next.language;
  if (options.textBody !== undefined) headers['content-type'] = 'text/plain; charset=utf-8';
  else if (hasBody) headers['content-type'] = 'application/json';
  const attempt = method === 'POST' ? `${path}\n${body ?? ''}` : undefined;
  if (attempt !== undefined) headers['idempotency-key'] = keyOfAttempt(attempt);
  let response: Response;
  const sentAt = Date.now();
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      body,
      signal: options.signal,
    });
  } catch (cause) {
    // An abort is the caller's wish (TanStack Query cancelling), not a failure to report.
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : 'network error');
  }
  if (attempt !== undefined) unansweredKeys.delete(attempt);
  noteServerDate(response.headers.get('date'), sentAt, Date.now());
  if (!response.ok) throw await toApiError(response);
  return response;
}

/**
 * Calls the API and returns its JSON answer typed with the contract. The answer is not parsed
 * again here: the server serializes every response through the same contract schema
 * (fastify-type-provider-zod), and shipping zod to check it twice would cost ~30 KB gzip
 * of first-load JavaScript on every screen.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  const body: T = await response.json();
  return body;
}

/** Like apiRequest, for an endpoint that may answer 204 (then null). */
export async function apiRequestOrNull<T>(path: string, options: RequestOptions = {}): Promise<T | null> {
  const response = await send(path, options);
  if (response.status === 204) return null;
  const body: T = await response.json();
  return body;
}

/** Calls an endpoint whose answer we do not need (204, 202, or an echo of what we sent). */
export async function apiSend(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options);
}
