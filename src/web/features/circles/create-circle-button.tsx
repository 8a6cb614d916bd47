import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { lazyNamed } from '../../lib/lazy-named.ts';

// The form (react-aria fields, zod) downloads on first hover or focus, not with the page.
const createCircleDialog = lazyNamed(() => import('./create-circle-dialog.tsx'), 'CreateCircleDialog');

/** "Créer un cercle", for community members. */
export function CreateCircleButton({ communitySlug }: { communitySlug: string }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <Button
        onClick={() => setOpen(true)}
        onPointerEnter={createCircleDialog.preload}
        onFocus={createCircleDialog.preload}
      >
        {t('circleForm.createTitle')}
      </Button>
      {isOpen ? (
        <Suspense fallback={null}>
          <createCircleDialog.Component communitySlug={communitySlug} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
