import type { FastifyRequest } from 'fastify';

/**
 * Path segments that are bearer secrets, each after the prefix that announces it: a calendar feed,
 * a date poll's share link and a guest's private edit link (API and page), an unsubscribe link
 * (API, one-click and page), an invitation to claim a placeholder (API and page). Whoever reads
 * them opens the calendar, the poll or the answer, or takes someone's place.
 */
const secretPaths =
  /(\/calendar-feeds\/|\/claims\/|\/claim\/|\/date-polls\/by-link\/|\/date-polls\/link\/|\/guest-answers\/|\/date-polls\/[^/?#]+\/guest\/|\/unsubscribe\/)[^/?#]+/g;
/** Query parameters that carry one: the sign-in link and the password reset link. */
const secretQuery = /([?&]token=)[^&#]*/gi;

/** The URL as the logs may keep it: secret path segments and query values replaced. */
export function redactUrl(url: string): string {
  return url.replace(secretPaths, '$1[redacted]').replace(secretQuery, '$1[redacted]');
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
