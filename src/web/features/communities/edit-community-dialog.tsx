import { useTranslation } from 'react-i18next';
import type { Community } from '../../../contract/community.ts';
import { Dialog } from '../../components/dialog.tsx';
import { useUpdateCommunity } from './community-api.ts';
import { CommunityForm } from './community-form.tsx';

export function EditCommunityDialog({ community, onClose }: { community: Community; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateCommunity(community.slug);
  return (
    <Dialog title={t('communityForm.editTitle')} onClose={onClose}>
      {(close) => (
        <CommunityForm
          mode="edit"
          community={community}
          isPending={update.isPending}
          error={update.error}
          onSubmit={(patch) => update.mutate(patch, { onSuccess: close })}
        />
      )}
    </Dialog>
  );
}
