import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Session } from '../../contract/session.ts';
import { ButtonLink } from '../components/button-link.tsx';
import { LazyDialogButton } from '../components/lazy-dialog-button.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { AgendaSection } from '../features/sessions/agenda-section.tsx';
import { AgendaLinksEditor } from '../features/sessions/meeting/agenda-links-editor.tsx';
import { useSession } from '../features/sessions/session-api.ts';
import { SessionStatusBadge } from '../features/sessions/session-badges.tsx';
import { SessionPlace, SessionWhen } from '../features/sessions/session-when.tsx';
import { isNotFound } from '../lib/error-message.ts';
import { lazyNamed } from '../lib/lazy-named.ts';
import { NotFoundPage } from './not-found.tsx';

const editSessionDialog = lazyNamed(
  () => import('../features/sessions/edit-session-dialog.tsx'),
  'EditSessionDialog',
);

/** The agenda, shown or edited: the editor lives here, not in the meeting view. */
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
      <AgendaSection session={session} />
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
