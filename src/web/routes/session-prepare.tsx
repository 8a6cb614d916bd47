import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Session } from '../../contract/session.ts';
import { Button } from '../components/button.tsx';
import { ButtonLink } from '../components/button-link.tsx';
import { FormStatus, type FormStatusMessage } from '../components/form-status.tsx';
import { LazyDialogButton } from '../components/lazy-dialog-button.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { AgendaView } from '../features/sessions/agenda-view.tsx';
import { AgendaLinksEditor } from '../features/sessions/meeting/agenda-links-editor.tsx';
import { useSession } from '../features/sessions/session-api.ts';
import { SessionStatusBadge } from '../features/sessions/session-badges.tsx';
import { SessionPlace, SessionWhen } from '../features/sessions/session-when.tsx';
import { isNotFound } from '../lib/error-message.ts';
import { lazyNamed } from '../lib/lazy-named.ts';
import { NotFoundPage } from './not-found.tsx';

const agendaEditor = lazyNamed(() => import('../features/sessions/agenda-editor.tsx'), 'AgendaEditor');
const editSessionDialog = lazyNamed(
  () => import('../features/sessions/edit-session-dialog.tsx'),
  'EditSessionDialog',
);

/** The agenda, shown or edited: the editor lives here, not in the meeting view. */
function PrepareAgenda({ session }: { session: Session }) {
  const { t } = useTranslation();
  const [isEditing, setEditing] = useState(false);
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !isEditing) editButton.current?.focus();
    wasEditing.current = isEditing;
  }, [isEditing]);
  const action = isEditing ? undefined : (
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
  );
  return (
    <Section title={t('agenda.title')} action={action}>
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

function PrepareView({ session }: { session: Session }) {
  const { t } = useTranslation();
  const base = `/sessions/${encodeURIComponent(session.id)}`;
  if (!session.abilities.steer) return <NotFoundPage />;
  return (
    <>
      <PageHeader
        eyebrow={<Link to={base}>{session.title}</Link>}
        title={t('meeting.prepareTitle')}
        documentTitle={`${t('meeting.prepareTitle')} · ${session.title}`}
        meta={<SessionStatusBadge status={session.status} />}
        description={
          <>
            <SessionWhen session={session} /> <SessionPlace place={session.place} />
            <br />
            {t('meeting.prepareIntro')}
          </>
        }
        actions={
          <>
            <ButtonLink to={`${base}/meeting`}>{t('meeting.open')}</ButtonLink>
            <LazyDialogButton
              variant="secondary"
              label={t('session.form.editTitle')}
              preload={editSessionDialog.preload}
            >
              {(close) => <editSessionDialog.Component session={session} onClose={close} />}
            </LazyDialogButton>
            <ButtonLink variant="ghost" to={base}>
              {t('meeting.backToSession')}
            </ButtonLink>
          </>
        }
      />
      <PrepareAgenda session={session} />
      <Section title={t('meeting.linksTitle')} description={t('meeting.linksIntro')}>
        <AgendaLinksEditor session={session} />
      </Section>
    </>
  );
}

export function SessionPreparePage() {
  const { id = '' } = useParams();
  const isSignedIn = Boolean(useMe().data);
  const session = useSession(id, isSignedIn);
  if (session.isPending) return <LoadingState />;
  if (session.isError) {
    if (isNotFound(session.error)) return <NotFoundPage />;
    return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  }
  return <PrepareView session={session.data} />;
}
