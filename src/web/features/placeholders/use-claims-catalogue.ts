import i18next from 'i18next';
import { use } from 'react';
import { useTranslation } from 'react-i18next';

const loads = new Map<string, Promise<void>>();

function load(language: 'fr' | 'en'): Promise<void> {
  let promise = loads.get(language);
  if (!promise) {
    const module =
      language === 'en'
        ? import('./i18n/en.json', { with: { type: 'json' } })
        : import('./i18n/fr.json', { with: { type: 'json' } });
    promise = module.then((catalogue) => {
      i18next.addResourceBundle(language, 'translation', catalogue.default, true, false);
    });
    loads.set(language, promise);
  }
  return promise;
}

/**
 * The strings of placeholders, claims and stewards' screens load with those screens, not with
 * every first load (the French catalogue ships in the main bundle, under its 150 KB budget).
 * Suspends until they are in the catalogue of the language on screen: render under a Suspense.
 */
export function useClaimsCatalogue(): void {
  const { i18n } = useTranslation();
  use(load(i18n.language === 'en' ? 'en' : 'fr'));
}
