import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Session } from '../../../contract/session.ts';
import { Alert } from '../../components/alert.tsx';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useDeleteSession } from './session-api.ts';

/** "Supprimer la séance", for its facilitators: asks first, then goes back to the circle. */
export function DeleteSessionButton({ session }: { session: Session }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const remove = useDeleteSession(session);
  return (
    <>
      <ConfirmButton
        variant="secondary"
        title={t('session.delete.title')}
        message={t('session.delete.message', { title: session.title })}
        confirmLabel={t('session.delete.confirm')}
        isPending={remove.isPending}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => navigate(`/circles/${encodeURIComponent(session.circleId)}`),
          })
        }
      >
        {t('session.delete.action')}
      </ConfirmButton>
      {remove.error ? (
        <Alert tone="danger" role="alert">
          {errorMessage(remove.error)}
        </Alert>
      ) : null}
    </>
  );
}
