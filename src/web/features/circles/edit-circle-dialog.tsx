import { useTranslation } from 'react-i18next';
import type { Circle } from '../../../contract/circle.ts';
import { Dialog } from '../../components/dialog.tsx';
import { useCircleReminderField } from '../mail/circle-reminder-field.tsx';
import { useUpdateCircle } from './circle-api.ts';
import { CircleForm } from './circle-form.tsx';

export interface EditCircleDialogProps {
  circle: Circle;
  onClose: () => void;
  onSaved: () => void;
}

export function EditCircleDialog({ circle, onClose, onSaved }: EditCircleDialogProps) {
  const { t } = useTranslation();
  const update = useUpdateCircle(circle.id);
  const reminder = useCircleReminderField(circle.id);
  return (
    <Dialog title={t('circleForm.editTitle')} onClose={onClose}>
      {(close) => (
        <CircleForm
          mode="edit"
          circle={circle}
          isPending={update.isPending}
          extraFields={reminder.field}
          error={update.error}
          onSubmit={(patch) =>
            update.mutate(patch, {
              onSuccess: async () => {
                await reminder.save();
                close();
                onSaved();
              },
            })
          }
        />
      )}
    </Dialog>
  );
}
