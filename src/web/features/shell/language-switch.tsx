import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage } from '../../i18n/i18n.ts';
import type { Language } from '../../i18n/language.ts';
import styles from './site-header.module.css';

const choices: { language: Language; short: string; name: string }[] = [
  { language: 'fr', short: 'FR', name: 'Français' },
  { language: 'en', short: 'EN', name: 'English' },
];

/** FR / EN toggle. Language names stay in their own language, whatever the interface shows. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const active = currentLanguage();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would bring a legend we do not want to show.
    <div className={styles.languages} role="group" aria-label={t('header.language')}>
      {choices.map(({ language, short, name }) => (
        <button
          key={language}
          type="button"
          className={styles.languageButton}
          aria-pressed={active === language}
          lang={language}
          onClick={() => void changeLanguage(language)}
        >
          {short}
          <span className="visually-hidden"> – {name}</span>
        </button>
      ))}
    </div>
  );
}
