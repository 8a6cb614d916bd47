import type { IncomingHttpHeaders } from 'node:http';
import Negotiator from 'negotiator';
import { asLocale, type Locale } from '../mail/mail-i18n.ts';

const locales: Locale[] = ['fr', 'en'];

/**
 * The language a request was made in: the web client sends its interface language as
 * Accept-Language (a browser's own header stands in elsewhere). French when the header names
 * neither language, as the interface does.
 */
export function localeOfAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return 'fr';
  const best = new Negotiator({ headers: { 'accept-language': header } }).language(locales);
  return asLocale(best);
}

export function requestLocale(request: { headers: IncomingHttpHeaders }): Locale {
  return localeOfAcceptLanguage(request.headers['accept-language']);
}
