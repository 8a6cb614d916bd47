import { useTranslation } from 'react-i18next';
import type { Community } from '../../../contract/community.ts';
import { LazyDialogButton } from '../../components/lazy-dialog-button.tsx';
import { lazyNamed } from '../../lib/lazy-named.ts';

const editCommunityDialog = lazyNamed(() => import('./edit-community-dialog.tsx'), 'EditCommunityDialog');

/** Animators: edit the community's name, description, charter and join policy. */
export function EditCommunityButton({ community }: { community: Community }) {
  const { t } = useTranslation();
  return (
    <LazyDialogButton
      variant="secondary"
      label={t('communityForm.editTitle')}
      preload={editCommunityDialog.preload}
    >
      {(close) => <editCommunityDialog.Component community={community} onClose={close} />}
    </LazyDialogButton>
  );
}
