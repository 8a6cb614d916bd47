import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { ButtonLink } from '../../components/button-link.tsx';
import { useMe } from '../auth/auth-api.ts';
import { useSignInProviders } from '../auth/sign-in-providers.ts';
import { AccountMenu } from './account-menu.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import styles from './site-header.module.css';

function BrandMark() {
  // Three islands: the archipelago of circles.
  return (
    <svg className={styles.brandMark} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <circle cx="10" cy="19" r="7" fill="currentColor" opacity="0.9" />
      <circle cx="22.5" cy="11" r="5.5" fill="currentColor" opacity="0.65" />
      <circle cx="24" cy="24" r="3.5" fill="currentColor" opacity="0.45" />
    </svg>
  );
}

export function SiteHeader() {
  const { t } = useTranslation();
  const me = useMe();
  // Visitors only: whether this instance takes password sign-ups (OIDC_ONLY hides the link).
  const providers = useSignInProviders(me.isSuccess && !me.data);
  const user = me.data;
  const navClass = ({ isActive }: { isActive: boolean }) =>
    isActive ? `${styles.navLink} ${styles.navLinkActive}` : styles.navLink;

  return (
    <header className={styles.header}>
      <div className={`${styles.inner} ${user ? styles.signedIn : ''}`}>
        <Link to="/" className={styles.brand}>
          <BrandMark />
          <span>Archipel</span>
        </Link>
        <nav className={styles.nav} aria-label={t('header.navLabel')}>
          <ul className={styles.navList}>
            <li>
              <NavLink to="/" end className={navClass}>
                {t('header.home')}
              </NavLink>
            </li>
            {user ? (
              <li>
                <NavLink to="/my-circles" className={navClass}>
                  {t('header.myCircles')}
                </NavLink>
              </li>
            ) : null}
            {user ? (
              <li>
                <NavLink to="/my-sessions" className={navClass}>
                  {t('header.mySessions')}
                </NavLink>
              </li>
            ) : null}
            {user ? (
              <li>
                <NavLink to="/my-actions" className={navClass}>
                  {t('header.myActions')}
                </NavLink>
              </li>
            ) : null}
            <li>
              <NavLink to="/search" className={navClass}>
                {t('header.search')}
              </NavLink>
            </li>
            {user?.isAdmin ? (
              <li>
                <NavLink to="/admin" end className={navClass}>
                  {t('header.admin')}
                </NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <div className={styles.tools}>
          <LanguageSwitch />
          {user ? <AccountMenu me={user} /> : null}
        </div>
        {/* While the session is being checked, show neither: no flash of "Se connecter". */}
        {me.isSuccess && !user ? (
          <div className={styles.authLinks}>
            <Link to="/sign-in" className={styles.signInLink}>
              {t('header.signIn')}
            </Link>
            {providers.data?.passwordSignIn === false ? null : (
              <ButtonLink to="/sign-up" size="sm" variant="secondary" className={styles.signUpLink}>
                {t('header.signUp')}
              </ButtonLink>
            )}
          </div>
        ) : null}
      </div>
    </header>
  );
}
