import type fr from './fr.json';

// Types this feature's keys for `t()` (the strings themselves ship in the feature-strings chunk).
type Strings = typeof fr;
declare module '../../../i18n/catalogues.ts' {
  interface FeatureStrings extends Strings {}
}
