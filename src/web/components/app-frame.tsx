import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import styles from './app-frame.module.css';

export interface AppFrameProps {
  header: ReactNode;
  footer: ReactNode;
  children: ReactNode;
}

/**
 * The page skeleton: skip link, banner, main, contentinfo. On client-side navigation the
 * browser does not move focus; we move it to <main> so keyboard and screen-reader users start
 * at the new content instead of wherever the previous page left them.
 */
export function AppFrame({ header, footer, children }: AppFrameProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(pathname);

  useEffect(() => {
    if (previousPath.current === pathname) return;
    previousPath.current = pathname;
    window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <div className={styles.frame}>
      <a className={styles.skipLink} href="#main">
        {t('frame.skipToContent')}
      </a>
      {header}
      <main id="main" ref={mainRef} tabIndex={-1} className={styles.main}>
        {children}
      </main>
      {footer}
    </div>
  );
}
