import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/alert.tsx';
import { buttonClass } from '../../components/button-class.ts';
import styles from './sso-sign-in.module.css';

const errorKinds = ['refused', 'unverified', 'cancelled', 'expired', 'unavailable'] as const;
type SsoErrorKind = (typeof errorKinds)[number];
const isErrorKind = (value: string | null): value is SsoErrorKind =>
  errorKinds.some((kind) => kind === value);

/**
 * The provider's button. A plain link: the server redirects the whole page to the provider (a
 * redirect, never a frame, so the CSP stays as strict).
 */
export function SsoButton({ label, href }: { label: string; href: string }) {
  const { t } = useTranslation();
  return (
    <a href={href} className={buttonClass('primary', 'md', styles.button)}>
      {t('auth.sso.button', { label })}
    </a>
  );
}

/** Why the provider's sign-in came back here (`?sso=`), in words the person can act on. */
export function SsoError({ kind }: { kind: string | null }) {
  const { t } = useTranslation();
  if (!isErrorKind(kind)) return null;
  return (
    <Alert tone="warning" title={t('auth.sso.errorTitle')} role="alert">
      <p>{t(`auth.sso.error.${kind}`)}</p>
    </Alert>
  );
}

/** "ou" between the provider's button and the forms. */
export function SsoSeparator() {
  const { t } = useTranslation();
  return (
    <p className={styles.separator}>
      <span>{t('auth.sso.or')}</span>
    </p>
  );
}
