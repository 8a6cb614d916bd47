import { useTranslation } from 'react-i18next';
import type { Session } from '../../../contract/session.ts';
import { Dialog } from '../../components/dialog.tsx';
import { usePatchSession } from './session-api.ts';
import { SessionForm } from './session-form.tsx';

export interface EditSessionDialogProps {
  session: Session;
  onClose: () => void;
}

export function EditSessionDialog({ session, onClose }: EditSessionDialogProps) {
  const { t } = useTranslation();
  const patch = usePatchSession(session.id);
  return (
    <Dialog title={t('session.form.editTitle')} onClose={onClose}>
      {(close) => (
        <SessionForm
          session={session}
          isPending={patch.isPending}
          error={patch.error}
          onSubmit={(input) => patch.mutate(input, { onSuccess: close })}
        />
      )}
    </Dialog>
  );
}
