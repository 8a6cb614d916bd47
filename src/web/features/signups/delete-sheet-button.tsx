import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SignupSheet } from '../../../contract/signup.ts';
import { Alert } from '../../components/alert.tsx';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useDeleteSheet } from './signup-api.ts';

/** "Supprimer la feuille", for its organiser and the circle's facilitators. */
export function DeleteSheetButton({ sheet }: { sheet: SignupSheet }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const remove = useDeleteSheet(sheet);
  const people = sheet.topics.reduce((sum, topic) => sum + topic.confirmedCount + topic.waitlistCount, 0);
  return (
    <>
      <ConfirmButton
        variant="secondary"
        title={t('signups.delete.title')}
        message={t('signups.delete.message', { title: sheet.title, count: people })}
        confirmLabel={t('signups.delete.confirm')}
        isPending={remove.isPending}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => navigate(`/circles/${encodeURIComponent(sheet.circleId)}`),
          })
        }
      >
        {t('signups.delete.action')}
      </ConfirmButton>
      {remove.error ? (
        <Alert tone="danger" role="alert">
          {errorMessage(remove.error)}
        </Alert>
      ) : null}
    </>
  );
}
