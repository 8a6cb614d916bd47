import { useTranslation } from 'react-i18next';
import styles from './site-footer.module.css';

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className={styles.footer}>
      <div className={styles.inner}>
        <div className={styles.about}>
          <p className={styles.brand}>Archipel</p>
          <p>{t('footer.tagline')}</p>
        </div>
        <ul className={styles.links}>
          <li>
            {/* A full page load on purpose: the API docs are served by the server, not this app. */}
            <a href="/api/docs">{t('footer.apiDocs')}</a>
          </li>
          <li>{t('footer.licence')}</li>
        </ul>
      </div>
    </footer>
  );
}
