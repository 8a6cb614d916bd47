import type { FastifyRequest } from 'fastify';

/**
 * Path segments that are bearer secrets, each after the prefix that announces it: a calendar feed,
 * a date poll's share link and a guest's private edit link (API and page), an unsubscribe link
 * (API, one-click and page), an invitation to claim a placeholder (API and page), a questionnaire's
 * share link and a guest's private link to their answers (API and page). Whoever reads them opens
 * the calendar, the poll, the questionnaire or the answer, or takes someone's place.
 */
const secretPaths =
  /(\/calendar-feeds\/|\/claims\/|\/claim\/|\/date-polls\/by-link\/|\/date-polls\/link\/|\/guest-answers\/|\/date-polls\/[^/?#\s]+\/guest\/|\/unsubscribe\/|\/survey-links\/|\/q\/|\/guest-responses\/|\/surveys\/[^/?#\s]+\/guest\/|\/registration-links\/|\/registrations\/link\/)[^/?#\s"'<>]+/g;
/**
 * Query parameters that carry one: the sign-in, e-mail verification and password reset links
 * (`token`), and a community's invite link (`code`, which lets anyone join a community that only
 * admits invited people). Also when the link itself travels encoded inside another parameter, as
 * the sign-in page's `next=%2Fjoin%2F…%3Fcode%3D…` does.
 */
const secretQuery = /([?&](?:token|code)=)[^&#\s"'<>]*/gi;
const encodedSecretQuery = /((?:%3F|%26)(?:token|code)%3D)(?:(?!%26)[^&#\s"'<>])*/gi;

/**
 * The URL as the logs may keep it: secret path segments and query values replaced. Also applied
 * to whole texts (the outbox's copy of a mail): a secret ends at white space, a quote or a bracket.
 */
export function redactUrl(url: string): string {
  return url
    .replace(secretPaths, '$1[redacted]')
    .replace(secretQuery, '$1[redacted]')
    .replace(encodedSecretQuery, '$1[redacted]');
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
