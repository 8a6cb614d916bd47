import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type claimsFr from '../features/placeholders/i18n/fr.json';
import fr from './fr.json' with { type: 'json' };

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // Typing keys against the French catalogue makes a missing or mistyped key a compile error.
    // Features whose strings load with their screens (not with every first load) add theirs here.
    resources: { translation: typeof fr & typeof claimsFr };
  }
}

export const languages = ['fr', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'archipel.language';

function isLanguage(value: unknown): value is Language {
  return value === 'fr' || value === 'en';
}

// Locked-down browsers may refuse storage altogether: the choice then lasts for the page only.
function readStoredLanguage(): Language | undefined {
  try {
    const stored = localStorage.getItem(storageKey);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

function storeLanguage(language: Language): void {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // See readStoredLanguage.
  }
}

/** French ships in the main bundle; English is fetched only by those who ask for it. */
async function loadCatalogue(language: Language): Promise<Record<string, unknown>> {
  if (language === 'fr') return fr;
  const module = await import('./en.json', { with: { type: 'json' } });
  return module.default;
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'fr';
}

/** Whether the reader picked a language on this device (which then wins over their profile). */
export function hasStoredLanguage(): boolean {
  return readStoredLanguage() !== undefined;
}

export async function initI18n(): Promise<void> {
  const language = readStoredLanguage() ?? 'fr';
  const resources: Resource = { fr: { translation: fr } };
  if (language !== 'fr') resources[language] = { translation: await loadCatalogue(language) };
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'fr',
    supportedLngs: languages,
    resources,
    // React already escapes what it renders.
    interpolation: { escapeValue: false },
  });
}

/** Switches the interface language; `remember` keeps the choice on this device. */
export async function changeLanguage(language: Language, remember = true): Promise<void> {
  // Stored first: a reader who switches and at once follows a link still gets their language.
  if (remember) storeLanguage(language);
  if (!i18next.hasResourceBundle(language, 'translation')) {
    i18next.addResourceBundle(language, 'translation', await loadCatalogue(language));
  }
  await i18next.changeLanguage(language);
}
