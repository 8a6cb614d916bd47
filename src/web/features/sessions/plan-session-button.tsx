import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { lazyNamed } from '../../lib/lazy-named.ts';

// The form (react-aria fields, zod) downloads on first hover or focus, not with the page.
const planSessionDialog = lazyNamed(() => import('./plan-session-dialog.tsx'), 'PlanSessionDialog');

/** "Planifier une séance", for the circle's facilitators. */
export function PlanSessionButton({ circleId }: { circleId: string }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <Button
        onClick={() => setOpen(true)}
        onPointerEnter={planSessionDialog.preload}
        onFocus={planSessionDialog.preload}
      >
        {t('session.plan.open')}
      </Button>
      {isOpen ? (
        <Suspense fallback={null}>
          <planSessionDialog.Component circleId={circleId} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
