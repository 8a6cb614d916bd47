import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../contract/session.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { buttonClass } from '../../components/button-class.ts';
import dialogStyles from '../../components/dialog.module.css';
import { Dialog } from '../../components/dialog.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus } from '../../components/form-status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { sessionCalendarUrl, useCancelSession } from './calendar-api.ts';
import styles from './session-calendar.module.css';

const NOTICE_ID = 'session-cancelled-notice';

/** "Ajouter à mon agenda" (the .ics download) and, for facilitators, "Annuler la séance". */
export function SessionCalendarActions({ session }: { session: Session }) {
  const { t } = useTranslation();
  return (
    <>
      <a
        className={buttonClass('secondary')}
        href={sessionCalendarUrl(session.id)}
        download
        title={t('calendar.addToCalendarHint')}
      >
        {t('calendar.addToCalendar')}
      </a>
      {session.canFacilitate && session.status === 'scheduled' ? (
        <CancelSessionButton session={session} />
      ) : null}
    </>
  );
}

function CancelSessionButton({ session }: { session: Session }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        {t('calendar.cancel.action')}
      </Button>
      {isOpen ? <CancelSessionDialog session={session} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function CancelSessionDialog({ session, onClose }: { session: Session; onClose: () => void }) {
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
                requestAnimationFrame(() => document.getElementById(NOTICE_ID)?.focus());
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
                {t('common.cancel')}
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

/** Says that the session is called off, and why. */
export function SessionCancelledNotice({ session }: { session: Session }) {
  const { t } = useTranslation();
  if (session.status !== 'cancelled') return null;
  return (
    <div id={NOTICE_ID} tabIndex={-1} className={styles.notice}>
      <Alert tone="warning" title={t('calendar.cancel.notice')}>
        {session.cancelReason ? (
          <p>{t('calendar.cancel.reasonShown', { reason: session.cancelReason })}</p>
        ) : null}
      </Alert>
    </div>
  );
}

/** The visio link of the session, opened in a new window. */
export function SessionVideoLink({ url }: { url: string | null }) {
  const { t } = useTranslation();
  if (!url) return null;
  return (
    <span>
      <a href={url} target="_blank" rel="noopener noreferrer">
        {t('calendar.joinVideo')}
        <span className="visually-hidden">{t('session.newWindow')}</span>
      </a>
    </span>
  );
}
