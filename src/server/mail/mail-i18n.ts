import { createInstance } from 'i18next';
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };

export type Locale = 'fr' | 'en';

/** A stored or negotiated language as one of ours: English when it says so, French otherwise. */
export const asLocale = (value: unknown): Locale => (value === 'en' ? 'en' : 'fr');

/** Every key of the mail catalogue ("invitation.subject"): a missing or mistyped key is a compile error. */
type Keys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Keys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type MailKey = Keys<typeof fr>;

/**
 * The server's own i18next instance, `mail` namespace (the web's instance is another, in the
 * browser). French is the reference and the fallback. Values are inserted as they are (mail
 * bodies are plain text, the HTML layout escapes) and never read as i18next syntax.
 */
const i18n = createInstance();
void i18n.init({
  lng: 'fr',
  fallbackLng: 'fr',
  ns: ['mail'],
  defaultNS: 'mail',
  resources: { fr: { mail: fr }, en: { mail: en } },
  interpolation: { escapeValue: false, skipOnVariables: true },
  initAsync: false,
});

/** The mail catalogue's text in one language, with its `{{placeholders}}` filled. */
export function mailText(locale: Locale): (key: MailKey, values?: Record<string, string>) => string {
  // i18next's types are the web's (its CustomTypeOptions, one tsc program for both sides), which
  // know no `mail` namespace: this instance is typed by MailKey instead.
  const fixed = i18n.getFixedT as unknown as (
    lng: Locale,
    ns: 'mail',
  ) => (key: string, options: Record<string, string>) => string;
  const t = fixed.call(i18n, locale, 'mail');
  return (key, values) => t(key, values ?? {});
}
