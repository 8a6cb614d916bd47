import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from './alert.tsx';
import { buttonClass } from './button-class.ts';

function CrashNotice() {
  const { t } = useTranslation();
  return (
    <Alert tone="danger" role="alert" title={t('errors.crashTitle')}>
      <p>{t('errors.crash')}</p>
      <div>
        <button
          type="button"
          className={buttonClass('secondary', 'sm')}
          onClick={() => window.location.reload()}
        >
          {t('errors.reload')}
        </button>
      </div>
    </Alert>
  );
}

interface State {
  hasError: boolean;
}

/**
 * Catches a render error or a screen's code that failed to download (a new version was
 * deployed, or the network dropped), so the reader gets a way out instead of a blank page.
 * Give it a `key` that changes on navigation to reset it.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { hasError: false };

  static getDerivedStateFromError(): State {
    return { hasError: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.hasError ? <CrashNotice /> : this.props.children;
  }
}
