import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Dialog } from '../../components/dialog.tsx';
import { useCreateCircle } from './circle-api.ts';
import { CircleForm } from './circle-form.tsx';

export interface CreateCircleDialogProps {
  communitySlug: string;
  onClose: () => void;
}

/** The "new circle" form in a dialog; on success, goes to the new circle's page. */
export function CreateCircleDialog({ communitySlug, onClose }: CreateCircleDialogProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateCircle(communitySlug);
  return (
    <Dialog title={t('circleForm.createTitle')} onClose={onClose}>
      {() => (
        <CircleForm
          mode="create"
          isPending={create.isPending}
          error={create.error}
          onSubmit={(input) =>
            create.mutate(input, {
              onSuccess: (circle) => navigate(`/circles/${encodeURIComponent(circle.id)}`),
            })
          }
        />
      )}
    </Dialog>
  );
}
