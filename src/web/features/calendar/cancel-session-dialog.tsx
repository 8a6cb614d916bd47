import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../contract/session.ts';
import { Button } from '../../components/button.tsx';
import dialogStyles from '../../components/dialog.module.css';
import { Dialog } from '../../components/dialog.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus } from '../../components/form-status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useCancelSession } from './calendar-api.ts';
import { focusNoticeWhenShown } from './notice-focus.ts';

export interface CancelSessionDialogProps {
  session: Session;
  onClose: () => void;
  /** What takes the focus once the session is cancelled (the button that opened this is gone). */
  noticeId: string;
}

/** Asks for the reason, says what cancelling does, and cancels. */
export function CancelSessionDialog({ session, onClose, noticeId }: CancelSessionDialogProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const cancel = useCancelSession(session.id);
  const [reason, setReason] = useState('');
  const [isMissing, setMissing] = useState(false);
  return (
    <Dialog title={t('calendar.cancel.title')} onClose={onClose}>
      {(close) => {
        const submit = (event: FormEvent) => {
          event.preventDefault();
          if (reason.trim() === '') {
            setMissing(true);
            return;
          }
          cancel.mutate(
            { reason: reason.trim() },
            {
              onSuccess: () => {
                close();
                // The button that opened the dialog is gone: focus moves to what replaced it.
                requestAnimationFrame(() => focusNoticeWhenShown(noticeId));
              },
            },
          );
        };
        return (
          <form className={formStyles.form} onSubmit={submit} noValidate>
            <p>{t('calendar.cancel.message')}</p>
            <TextField
              label={t('calendar.cancel.reason')}
              description={t('calendar.cancel.reasonHint')}
              value={reason}
              onChange={(value) => {
                setReason(value);
                setMissing(false);
              }}
              errorMessage={isMissing ? t('validation.required') : undefined}
              multiline
              rows={3}
              maxLength={1000}
              isRequired
            />
            <FormStatus
              message={cancel.error ? { tone: 'danger', text: errorMessage(cancel.error) } : null}
            />
            <div className={dialogStyles.actions}>
              <Button variant="secondary" onClick={close}>
                {t('calendar.cancel.keep')}
              </Button>
              <Button type="submit" variant="danger" isPending={cancel.isPending}>
                {t('calendar.cancel.confirm')}
              </Button>
            </div>
          </form>
        );
      }}
    </Dialog>
  );
}
