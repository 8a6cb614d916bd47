import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useInstanceInfo } from '../legal/instance-api.ts';
import styles from './site-footer.module.css';

export function SiteFooter() {
  const { t } = useTranslation();
  // The RGAA asks the footer's link to state the declared compliance; "not compliant" until known.
  const conformity = useInstanceInfo().data?.settings.accessibility.conformity ?? 'none';
  return (
    <footer className={styles.footer}>
      <div className={styles.inner}>
        <div className={styles.about}>
          <p className={styles.brand}>Archipel</p>
          <p>{t('footer.tagline')}</p>
        </div>
        <nav aria-label={t('footer.legalLinks')}>
          <ul className={styles.links}>
            <li>
              <Link to="/legal">{t('footer.legalNotice')}</Link>
            </li>
            <li>
              <Link to="/privacy">{t('footer.privacy')}</Link>
            </li>
            <li>
              <Link to="/accessibility">{t(`footer.accessibility.${conformity}`)}</Link>
            </li>
            <li>
              {/* A full page load on purpose: the API docs are served by the server, not this app. */}
              <a href="/api/docs">{t('footer.apiDocs')}</a>
            </li>
            <li>{t('footer.licence')}</li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
