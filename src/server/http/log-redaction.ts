import type { FastifyRequest } from 'fastify';

/** Paths whose last segment is a bearer secret: a calendar feed opens without any cookie. */
const secretPaths = /(\/calendar-feeds\/)[^/?#]+/g;

/** The URL as the logs may keep it: secret path segments replaced. */
export function redactUrl(url: string): string {
  return url.replace(secretPaths, '$1[redacted]');
}

/**
 * Fastify's request serializer with the URL redacted: access logs travel (log shippers, support
 * tickets), and a feed token in them would open someone's private calendar.
 */
export function serializeRequestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
