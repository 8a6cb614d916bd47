import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import type { Me } from '../../../contract/user.ts';
import { Avatar } from '../../components/avatar.tsx';
import { useSignOut } from '../auth/auth-api.ts';
import styles from './site-header.module.css';

/**
 * The account menu as a disclosure (a button that shows a list of links), the pattern
 * recommended for site navigation, rather than an ARIA menu: every browser and screen reader
 * knows it, and it keeps react-aria out of the first load of every screen.
 */
export function AccountMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const signOut = useSignOut();
  const [isOpen, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: closing on navigation is the point.
  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!isOpen) return;
    function onPointerDown(event: PointerEvent) {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setOpen(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    }
    // Tabbing out of the open menu closes it, as leaving any disclosure would.
    function onFocusOut(event: FocusEvent) {
      if (!(event.relatedTarget instanceof Node && rootRef.current?.contains(event.relatedTarget)))
        setOpen(false);
    }
    const root = rootRef.current;
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    root?.addEventListener('focusout', onFocusOut);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
      root?.removeEventListener('focusout', onFocusOut);
    };
  }, [isOpen]);

  return (
    <div ref={rootRef} className={styles.accountMenu}>
      <button
        ref={buttonRef}
        type="button"
        className={styles.accountButton}
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => setOpen((open) => !open)}
      >
        <Avatar name={me.name} size="sm" />
        <span className={styles.accountName}>{me.name}</span>
        <span className="visually-hidden">{t('header.accountMenuHint')}</span>
        <span className={styles.chevron} aria-hidden="true" />
      </button>
      <div id={panelId} className={styles.menuPopover} hidden={!isOpen}>
        <p className={styles.menuEmail}>{me.email}</p>
        <ul className={styles.menu}>
          <li>
            <Link to="/profile" className={styles.menuItem}>
              {t('header.profile')}
            </Link>
          </li>
          {me.isAdmin ? (
            <li>
              <Link to="/admin/animators" className={styles.menuItem}>
                {t('header.adminAnimators')}
              </Link>
            </li>
          ) : null}
          <li>
            <button
              type="button"
              className={styles.menuItem}
              onClick={() =>
                // A session from the identity provider goes on to its logout page (useSignOut).
                signOut.mutate(undefined, {
                  onSuccess: (answer) => (answer?.redirectTo ? undefined : navigate('/')),
                })
              }
              disabled={signOut.isPending}
            >
              {t('header.signOut')}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
