import { useTranslation } from 'react-i18next';
import type { Circle } from '../../../contract/circle.ts';
import { LazyDialogButton } from '../../components/lazy-dialog-button.tsx';
import { lazyNamed } from '../../lib/lazy-named.ts';

const renewCircleDialog = lazyNamed(() => import('./renew-circle-dialog.tsx'), 'RenewCircleDialog');

/** For the circle's stewards, while it has no next cycle: create the next one. */
export function RenewCircleButton({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  return (
    <LazyDialogButton
      variant="secondary"
      label={t('circleCycles.renew.button')}
      preload={renewCircleDialog.preload}
    >
      {(close) => <renewCircleDialog.Component circle={circle} onClose={close} />}
    </LazyDialogButton>
  );
}
