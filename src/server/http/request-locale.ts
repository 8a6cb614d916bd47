import Negotiator from 'negotiator';
import type { Locale } from '../mail/mail-i18n.ts';

const locales: Locale[] = ['fr', 'en'];

/**
 * The language a request was made in: the web client sends its interface language as
 * Accept-Language (a browser's own header stands in elsewhere). French when the header names
 * neither language, as the interface does.
 */
export function localeOfAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return 'fr';
  const best = new Negotiator({ headers: { 'accept-language': header } }).language(locales);
  return best === 'en' ? 'en' : 'fr';
}

export function requestLocale(request: { headers: Record<string, string | string[] | undefined> }): Locale {
  const header = request.headers['accept-language'];
  return localeOfAcceptLanguage(Array.isArray(header) ? header.join(',') : header);
}
