import { useTranslation } from 'react-i18next';
import type { Circle } from '../../../contract/circle.ts';
import { LazyDialogButton } from '../../components/lazy-dialog-button.tsx';
import { lazyNamed } from '../../lib/lazy-named.ts';

const editCircleDialog = lazyNamed(() => import('./edit-circle-dialog.tsx'), 'EditCircleDialog');

/** For facilitators and animators: edit the circle (status, capacity…) in a dialog. */
export function EditCircleButton({ circle, onSaved }: { circle: Circle; onSaved: () => void }) {
  const { t } = useTranslation();
  return (
    <LazyDialogButton
      variant="secondary"
      label={t('circleForm.editTitle')}
      preload={editCircleDialog.preload}
    >
      {(close) => <editCircleDialog.Component circle={circle} onClose={close} onSaved={onSaved} />}
    </LazyDialogButton>
  );
}
