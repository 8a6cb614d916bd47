import { useTranslation } from 'react-i18next';
import { LazyDialogButton } from '../../components/lazy-dialog-button.tsx';
import { lazyNamed } from '../../lib/lazy-named.ts';

// The form (react-aria fields, zod) downloads on first hover or focus, not with the page.
const planSessionDialog = lazyNamed(() => import('./plan-session-dialog.tsx'), 'PlanSessionDialog');

/** "Planifier une séance", for the circle's facilitators. */
export function PlanSessionButton({ circleId }: { circleId: string }) {
  const { t } = useTranslation();
  return (
    <LazyDialogButton label={t('session.plan.open')} preload={planSessionDialog.preload}>
      {(close) => <planSessionDialog.Component circleId={circleId} onClose={close} />}
    </LazyDialogButton>
  );
}
