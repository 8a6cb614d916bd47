import { useTranslation } from 'react-i18next';
import type { Session } from '../../../contract/session.ts';
import { Button } from '../../components/button.tsx';
import dialogStyles from '../../components/dialog.module.css';
import { Dialog } from '../../components/dialog.tsx';
import formStyles from '../../components/form.module.css';
import { FormProblem } from '../../components/form-problem.tsx';
import { TextField } from '../../components/text-field.tsx';
import { sessionSchemas } from '../../lib/contract-schemas.ts';
import { useContractForm } from '../../lib/use-contract-form.ts';
import { useCancelSession } from './calendar-api.ts';
import { focusNoticeWhenShown } from './notice-focus.ts';

export interface CancelSessionDialogProps {
  session: Session;
  onClose: () => void;
  /** What takes the focus once the session is cancelled (the button that opened this is gone). */
  noticeId: string;
}

const loadSchema = () => sessionSchemas().then((m) => m.sessionCancelSchema);

/** Asks for the reason, says what cancelling does, and cancels. */
export function CancelSessionDialog({ session, onClose, noticeId }: CancelSessionDialogProps) {
  const { t } = useTranslation();
  const cancel = useCancelSession(session.id);
  const form = useContractForm({
    schema: loadSchema,
    initialValues: { reason: '' },
    serverError: cancel.error,
    onValid: (input) =>
      cancel.mutate(input, {
        onSuccess: () => {
          onClose();
          // The button that opened the dialog is gone: focus moves to what replaced it.
          requestAnimationFrame(() => focusNoticeWhenShown(noticeId));
        },
      }),
  });
  return (
    <Dialog title={t('calendar.cancel.title')} onClose={onClose}>
      {(close) => (
        <form className={formStyles.form} {...form.formProps}>
          <p>{t('calendar.cancel.message')}</p>
          <TextField
            label={t('calendar.cancel.reason')}
            description={t('calendar.cancel.reasonHint')}
            {...form.text('reason')}
            multiline
            rows={3}
          />
          <FormProblem text={form.formMessage} />
          <div className={dialogStyles.actions}>
            <Button variant="secondary" onClick={close}>
              {t('calendar.cancel.keep')}
            </Button>
            <Button type="submit" variant="danger" isPending={cancel.isPending}>
              {t('calendar.cancel.confirm')}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
