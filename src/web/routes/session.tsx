import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Session } from '../../contract/session.ts';
import { Button } from '../components/button.tsx';
import { ButtonLink } from '../components/button-link.tsx';
import { Card } from '../components/card.tsx';
import { FormStatus, type FormStatusMessage } from '../components/form-status.tsx';
import { LazyDialogButton } from '../components/lazy-dialog-button.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import {
  SessionCalendarActions,
  SessionCancelledNotice,
  SessionVideoLink,
} from '../features/calendar/session-calendar.tsx';
import { GuestCodePanel } from '../features/guests/guest-code-panel.tsx';
import { SessionPolls } from '../features/polls/poll-list.tsx';
import { SessionReviews } from '../features/rex/session-reviews.tsx';
import { AgendaView } from '../features/sessions/agenda-view.tsx';
import { CheckinRound } from '../features/sessions/checkin-round.tsx';
import { DeleteSessionButton } from '../features/sessions/delete-session-button.tsx';
import { FacilitationBand } from '../features/sessions/facilitation-band.tsx';
import { OpenActionsReview, SessionActions } from '../features/sessions/session-actions.tsx';
import { useSession } from '../features/sessions/session-api.ts';
import { SessionNumberBadge, SessionStatusBadge } from '../features/sessions/session-badges.tsx';
import { SessionParticipants, SessionRsvp } from '../features/sessions/session-people.tsx';
import {
  SessionAnnouncements,
  SessionNotes,
  SessionSynthesis,
  SessionVotes,
} from '../features/sessions/session-texts.tsx';
import { SessionPlace, SessionWhen } from '../features/sessions/session-when.tsx';
import { SessionSurveys } from '../features/surveys/survey-list.tsx';
import { isNotFound } from '../lib/error-message.ts';
import { lazyNamed } from '../lib/lazy-named.ts';
import { NotFoundPage } from './not-found.tsx';
import styles from './session.module.css';

// Facilitators only: the editor and the session form download when first opened.
const agendaEditor = lazyNamed(() => import('../features/sessions/agenda-editor.tsx'), 'AgendaEditor');
const editSessionDialog = lazyNamed(
  () => import('../features/sessions/edit-session-dialog.tsx'),
  'EditSessionDialog',
);

function AgendaSection({ session }: { session: Session }) {
  const { t } = useTranslation();
  const [isEditing, setEditing] = useState(false);
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // The editor's buttons vanish when it closes: focus goes back to the button that opened it.
  useEffect(() => {
    if (wasEditing.current && !isEditing) editButton.current?.focus();
    wasEditing.current = isEditing;
  }, [isEditing]);
  const action =
    session.abilities.steer && !isEditing ? (
      <Button
        ref={editButton}
        variant="secondary"
        onClick={() => {
          setMessage(null);
          setEditing(true);
        }}
        onPointerEnter={agendaEditor.preload}
        onFocus={agendaEditor.preload}
      >
        {t('agenda.edit')}
      </Button>
    ) : undefined;
  return (
    <Section title={t('agenda.title')} action={action} id="agenda">
      {isEditing ? (
        <Suspense fallback={<LoadingState />}>
          <agendaEditor.Component
            session={session}
            onDone={(saved) => {
              setEditing(false);
              if (saved) setMessage({ tone: 'success', text: t('agenda.editor.saved') });
            }}
          />
        </Suspense>
      ) : (
        <AgendaView session={session} />
      )}
      <FormStatus message={message} />
    </Section>
  );
}

function EditSessionButton({ session }: { session: Session }) {
  const { t } = useTranslation();
  return (
    <LazyDialogButton
      variant="secondary"
      label={t('session.form.editTitle')}
      preload={editSessionDialog.preload}
    >
      {(close) => <editSessionDialog.Component session={session} onClose={close} />}
    </LazyDialogButton>
  );
}

function SessionView({ session }: { session: Session }) {
  const { t } = useTranslation();
  const me = useMe().data ?? null;
  // The session policy's answer (members, listed participants, facilitators), as the server gives it.
  const canTakePart = me !== null && session.abilities.takePart;

  return (
    <>
      <PageHeader
        eyebrow={
          <Link className={styles.eyebrowLink} to={`/circles/${encodeURIComponent(session.circleId)}`}>
            {session.circleName}
          </Link>
        }
        title={session.title}
        documentTitle={`${session.title} · ${session.circleName}`}
        meta={
          <>
            <SessionStatusBadge status={session.status} />
            <SessionNumberBadge numbering={session.numbering} />
          </>
        }
        description={
          <span className={styles.facts}>
            <SessionWhen session={session} />
            <SessionPlace place={session.place} />
            <SessionVideoLink session={session} />
          </span>
        }
        actions={
          <>
            {session.status !== 'cancelled' ? (
              <ButtonLink to={`/sessions/${encodeURIComponent(session.id)}/meeting`}>
                {t('meeting.open')}
              </ButtonLink>
            ) : null}
            {session.abilities.steer ? (
              <ButtonLink to={`/sessions/${encodeURIComponent(session.id)}/prepare`} variant="secondary">
                {t('meeting.prepare')}
              </ButtonLink>
            ) : null}
            <ButtonLink to={`/sessions/${encodeURIComponent(session.id)}/minutes`} variant="secondary">
              {t('session.minutesLink')}
            </ButtonLink>
            {session.abilities.steer ? <EditSessionButton session={session} /> : null}
            <SessionCalendarActions session={session} />
            {session.abilities.steer ? <DeleteSessionButton session={session} /> : null}
          </>
        }
      />
      <SessionCancelledNotice session={session} />
      {session.status === 'cancelled' ? null : <FacilitationBand session={session} />}
      <div className={styles.grid}>
        <aside className={styles.aside} aria-label={t('session.aside')}>
          {me && canTakePart && session.status !== 'ended' && session.status !== 'cancelled' ? (
            <Card isCompact>
              <h2 className={styles.asideTitle}>{t('session.rsvp.title')}</h2>
              <SessionRsvp session={session} myId={me.id} />
            </Card>
          ) : null}
          {session.description ? (
            <Card isCompact>
              <h2 className={styles.asideTitle}>{t('session.description')}</h2>
              <p className={styles.prose}>{session.description}</p>
            </Card>
          ) : null}
          <SessionParticipants session={session} myId={me?.id} />
          {session.abilities.steer && session.status !== 'cancelled' ? (
            <GuestCodePanel sessionId={session.id} />
          ) : null}
        </aside>
        <div className={styles.main}>
          <OpenActionsReview session={session} />
          <AgendaSection session={session} />
          <SessionReviews session={session} />
          <CheckinRound session={session} round="opening" myId={me?.id} canTakePart={canTakePart} />
          <SessionSynthesis session={session} />
          <SessionActions session={session} canTakePart={canTakePart} />
          <SessionAnnouncements session={session} canTakePart={canTakePart} />
          <SessionVotes session={session} />
          <SessionPolls circleId={session.circleId} sessionId={session.id} />
          <SessionSurveys
            circleId={session.circleId}
            sessionId={session.id}
            canCreate={session.abilities.steer}
          />
          <SessionNotes session={session} />
          <CheckinRound session={session} round="closing" myId={me?.id} canTakePart={canTakePart} />
        </div>
      </div>
    </>
  );
}

export function SessionPage() {
  const { id = '' } = useParams();
  const isSignedIn = Boolean(useMe().data);
  const session = useSession(id, isSignedIn);
  if (session.isPending) return <LoadingState />;
  if (session.isError) {
    if (isNotFound(session.error)) return <NotFoundPage />;
    return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  }
  return <SessionView session={session.data} />;
}
