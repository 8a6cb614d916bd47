import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Community } from '../../../contract/community.ts';
import { Button } from '../../components/button.tsx';
import { lazyNamed } from '../../lib/lazy-named.ts';

const editCommunityDialog = lazyNamed(() => import('./edit-community-dialog.tsx'), 'EditCommunityDialog');

/** Animators: edit the community's name, description, charter and join policy. */
export function EditCommunityButton({ community }: { community: Community }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="secondary"
        onClick={() => setOpen(true)}
        onPointerEnter={editCommunityDialog.preload}
        onFocus={editCommunityDialog.preload}
      >
        {t('communityForm.editTitle')}
      </Button>
      {isOpen ? (
        <Suspense fallback={null}>
          <editCommunityDialog.Component community={community} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
