import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Circle } from '../../../contract/circle.ts';
import { Button } from '../../components/button.tsx';
import { lazyNamed } from '../../lib/lazy-named.ts';

const editCircleDialog = lazyNamed(() => import('./edit-circle-dialog.tsx'), 'EditCircleDialog');

/** For facilitators and animators: edit the circle (status, capacity…) in a dialog. */
export function EditCircleButton({ circle, onSaved }: { circle: Circle; onSaved: () => void }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="secondary"
        onClick={() => setOpen(true)}
        onPointerEnter={editCircleDialog.preload}
        onFocus={editCircleDialog.preload}
      >
        {t('circleForm.editTitle')}
      </Button>
      {isOpen ? (
        <Suspense fallback={null}>
          <editCircleDialog.Component circle={circle} onClose={() => setOpen(false)} onSaved={onSaved} />
        </Suspense>
      ) : null}
    </>
  );
}
