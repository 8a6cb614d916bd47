import { useEffect } from 'react';
import { changeLanguage, currentLanguage, hasStoredLanguage } from '../../i18n/i18n.ts';
import { useMe } from '../auth/auth-api.ts';

/**
 * Follows the language saved in the reader's profile, unless they picked one on this device:
 * a choice made here and now wins over one made elsewhere.
 */
export function useProfileLanguage(): void {
  const locale = useMe().data?.locale;
  useEffect(() => {
    if (locale && !hasStoredLanguage() && locale !== currentLanguage()) void changeLanguage(locale, false);
  }, [locale]);
}
