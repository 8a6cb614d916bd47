import { useTranslation } from 'react-i18next';
import { LazyDialogButton } from '../../components/lazy-dialog-button.tsx';
import { lazyNamed } from '../../lib/lazy-named.ts';

// The form (react-aria fields, zod) downloads on first hover or focus, not with the page.
const createCircleDialog = lazyNamed(() => import('./create-circle-dialog.tsx'), 'CreateCircleDialog');

/** "Créer un cercle", for community members. */
export function CreateCircleButton({ communitySlug }: { communitySlug: string }) {
  const { t } = useTranslation();
  return (
    <LazyDialogButton label={t('circleForm.createTitle')} preload={createCircleDialog.preload}>
      {(close) => <createCircleDialog.Component communitySlug={communitySlug} onClose={close} />}
    </LazyDialogButton>
  );
}
