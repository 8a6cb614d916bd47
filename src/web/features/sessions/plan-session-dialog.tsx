import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Dialog } from '../../components/dialog.tsx';
import { useCreateSession, useCreateSessionSeries } from './session-api.ts';
import { SessionForm } from './session-form.tsx';

export interface PlanSessionDialogProps {
  circleId: string;
  onClose: () => void;
}

/** The "plan a session" form in a dialog; on success, goes to the new session's page. */
export function PlanSessionDialog({ circleId, onClose }: PlanSessionDialogProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateSession(circleId);
  const createSeries = useCreateSessionSeries(circleId);
  return (
    <Dialog title={t('session.plan.title')} onClose={onClose}>
      {() => (
        <SessionForm
          isPending={create.isPending || createSeries.isPending}
          error={create.error ?? createSeries.error}
          onSubmit={(input) =>
            create.mutate(input, {
              onSuccess: (session) => navigate(`/sessions/${encodeURIComponent(session.id)}`),
            })
          }
          // A series stays on the circle's page, where its sessions are listed.
          onSubmitSeries={(input) => createSeries.mutate(input, { onSuccess: onClose })}
        />
      )}
    </Dialog>
  );
}
