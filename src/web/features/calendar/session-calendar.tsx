import { useTranslation } from 'react-i18next';
import type { Session } from '../../../contract/session.ts';
import { Alert } from '../../components/alert.tsx';
import { buttonClass } from '../../components/button-class.ts';
import { LazyDialogButton } from '../../components/lazy-dialog-button.tsx';
import { lazyNamed } from '../../lib/lazy-named.ts';
import { sessionCalendarUrl } from './calendar-api.ts';
import { noticeRef } from './notice-focus.ts';
import styles from './session-calendar.module.css';

// Facilitators only, and rarely: the form downloads when first opened.
const cancelDialog = lazyNamed(() => import('./cancel-session-dialog.tsx'), 'CancelSessionDialog');

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
      {session.abilities.steer && session.status === 'scheduled' ? (
        <CancelSessionButton session={session} />
      ) : null}
    </>
  );
}

function CancelSessionButton({ session }: { session: Session }) {
  const { t } = useTranslation();
  return (
    <LazyDialogButton variant="danger" label={t('calendar.cancel.action')} preload={cancelDialog.preload}>
      {(close) => <cancelDialog.Component session={session} onClose={close} noticeId={NOTICE_ID} />}
    </LazyDialogButton>
  );
}

/** Says that the session is called off, and why. */
export function SessionCancelledNotice({ session }: { session: Session }) {
  const { t } = useTranslation();
  if (session.status !== 'cancelled') return null;
  return (
    <div id={NOTICE_ID} ref={noticeRef} tabIndex={-1} className={styles.notice}>
      <Alert tone="warning" title={t('calendar.cancel.notice')}>
        {session.cancelReason ? (
          <p>{t('calendar.cancel.reasonShown', { reason: session.cancelReason })}</p>
        ) : null}
      </Alert>
    </div>
  );
}

/** The visio link of the session, opened in a new window; none once the session is cancelled. */
export function SessionVideoLink({ session }: { session: Pick<Session, 'videoUrl' | 'status'> }) {
  const { t } = useTranslation();
  if (!session.videoUrl || session.status === 'cancelled') return null;
  return (
    <span>
      <a href={session.videoUrl} target="_blank" rel="noopener noreferrer">
        {t('calendar.joinVideo')}
        <span className="visually-hidden">{t('session.newWindow')}</span>
      </a>
    </span>
  );
}
