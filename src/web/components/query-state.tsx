import { useTranslation } from 'react-i18next';
import { SignInRedirect } from '../features/auth/sign-in-redirect.tsx';
import { errorCode } from '../lib/error-message.ts';
import { Alert } from './alert.tsx';
import { buttonClass } from './button-class.ts';
import styles from './query-state.module.css';

/** Shown while data loads: never a blank screen, and announced politely. */
export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className={styles.loading} role="status">
      <span className={styles.spinner} aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

export interface ErrorStateProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/**
 * A failed read, explained. A 401 is not shown as a failure: the reader is signed out (or their
 * session ended), so they are asked to sign in and brought back here.
 */
export function ErrorState({ error, title, onRetry }: ErrorStateProps) {
  const { t } = useTranslation();
  if (errorCode(error) === 'UNAUTHENTICATED') return <SignInRedirect />;
  return (
    <div className={styles.error}>
      <Alert tone="danger" role="alert" title={title ?? t('errors.title')}>
        <p>{t(`errors.${errorCode(error)}`)}</p>
      </Alert>
      {onRetry ? (
        // A plain button: this state shows on first-load screens, which must not pull react-aria in.
        <button type="button" className={buttonClass('secondary', 'sm')} onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
