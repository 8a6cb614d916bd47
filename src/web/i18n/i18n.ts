import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type FeatureStrings, loadFeatureStringsIfShown } from './catalogues.ts';
import fr from './fr.json' with { type: 'json' };
import { isLanguage, type Language, languages } from './language.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // Typing keys against the French catalogues makes a missing or mistyped key a compile error:
    // the core's (shipped with every first load) and each feature's (loaded with its screens).
    resources: { translation: typeof fr & FeatureStrings };
  }
}

const storageKey = 'archipel.language';
/** Languages whose core catalogue is in i18next. */
const coreLoaded = new Set<Language>();

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

/** The core French catalogue ships in the main bundle; English is fetched only by those who ask. */
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
  for (const loaded of Object.keys(resources)) if (isLanguage(loaded)) coreLoaded.add(loaded);
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
  if (!coreLoaded.has(language)) {
    // Deep merge: a feature catalogue may already sit in that language's namespace.
    i18next.addResourceBundle(language, 'translation', await loadCatalogue(language), true, false);
    coreLoaded.add(language);
  }
  // The current screen's feature catalogues arrive before the switch: no raw keys in between.
  await loadFeatureStringsIfShown(language);
  await i18next.changeLanguage(language);
}
