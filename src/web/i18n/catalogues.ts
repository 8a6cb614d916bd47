import i18next from 'i18next';
import type { Language } from './language.ts';

/**
 * The strings of the whole interface, as the compiler sees them: the core catalogue's, extended by
 * each feature's `i18n/strings.ts` (`interface FeatureStrings extends …`), so that `t()` knows
 * every key whichever chunk ships it. A missing or mistyped key stays a compile error.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging, one feature at a time.
export interface FeatureStrings {}

/**
 * Every feature's catalogues in one language, one chunk per language (found by a glob: a new
 * feature's `i18n/{fr,en}.json` joins without touching this file). The home page never loads it.
 */
const bundles: Record<Language, () => Promise<{ default: object[] }>> = {
  fr: () => import('./feature-strings-fr.ts'),
  en: () => import('./feature-strings-en.ts'),
};

const loads = new Map<Language, Promise<void>>();

/** Resolves once every feature's strings are in i18next in that language (once per language). */
export function loadFeatureStrings(language: Language): Promise<void> {
  let promise = loads.get(language);
  if (!promise) {
    promise = bundles[language]().then(
      (module) => {
        // Deep merge into the one `translation` namespace: feature keys sit beside the core's.
        for (const catalogue of module.default) {
          i18next.addResourceBundle(language, 'translation', catalogue, true, false);
        }
      },
      (error: unknown) => {
        loads.delete(language); // a failed download is retried next time, not replayed
        throw error;
      },
    );
    loads.set(language, promise);
  }
  return promise;
}

/** Before a switch: the feature strings in the new language if a screen showed them already. */
export function loadFeatureStringsIfShown(language: Language): Promise<void> {
  return loads.size > 0 ? loadFeatureStrings(language) : Promise.resolve();
}
