import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { OpenSpaceSessionDetailDto } from '../../contract/open-space.ts';
import { openSpaceNotesDocument } from '../../domain/open-space.ts';
import { Button } from '../components/button.tsx';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import formStyles from '../components/form.module.css';
import { FormStatus, type FormStatusMessage } from '../components/form-status.tsx';
import { MarkdownText } from '../components/markdown-text.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { TextField } from '../components/text-field.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import {
  openSpacePage,
  useOpenSpaceSession,
  usePatchSession,
  useWithdrawSession,
} from '../features/open-spaces/open-space-api.ts';
import { useSlotLabel } from '../features/open-spaces/open-space-grid.tsx';
import styles from '../features/open-spaces/open-space-pages.module.css';
import { isNotFound, useErrorMessage } from '../lib/error-message.ts';
import { lazyNamed } from '../lib/lazy-named.ts';
import { NotFoundPage } from './not-found.tsx';

/** The live editor (Tiptap, Yjs) loads when someone opens the notes. */
const collaborativeNotes = lazyNamed(
  () => import('../features/sessions/notes/collaborative-notes.tsx'),
  'CollaborativeNotes',
);

function HostControls({ session }: { session: OpenSpaceSessionDetailDto }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const patch = usePatchSession(session.openSpaceId, session.id);
  const withdraw = useWithdrawSession(session.openSpaceId, session.id);
  const [title, setTitle] = useState(session.title);
  const [question, setQuestion] = useState(session.question);
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const report = {
    onSuccess: () => setMessage({ tone: 'success' as const, text: t('openSpaces.session.saved') }),
    onError: (error: unknown) => setMessage({ tone: 'danger' as const, text: errorMessage(error) }),
  };
  return (
    <Section title={t('openSpaces.session.edit')}>
      <form
        className={formStyles.form}
        onSubmit={(event) => {
          event.preventDefault();
          patch.mutate({ title, question }, report);
        }}
      >
        <TextField
          label={t('openSpaces.propose.title')}
          value={title}
          onChange={setTitle}
          isRequired
          maxLength={200}
        />
        <TextField
          label={t('openSpaces.propose.question')}
          value={question}
          onChange={setQuestion}
          multiline
          rows={3}
          isOptional
          maxLength={2000}
        />
        <FormStatus message={message} />
        <div className={formStyles.actions}>
          <Button type="submit" isPending={patch.isPending}>
            {t('openSpaces.session.save')}
          </Button>
          <Button
            variant="secondary"
            isPending={patch.isPending}
            onClick={() => patch.mutate({ notesOpen: !session.notesOpen }, report)}
          >
            {session.notesOpen ? t('openSpaces.session.closeNotes') : t('openSpaces.session.openNotes')}
          </Button>
          <ConfirmButton
            variant="danger"
            title={t('openSpaces.session.withdraw')}
            message={t('openSpaces.session.withdrawConfirm')}
            confirmLabel={t('openSpaces.session.withdraw')}
            isPending={withdraw.isPending}
            onConfirm={() =>
              withdraw.mutate(undefined, {
                onSuccess: () => navigate(openSpacePage(session.openSpaceId)),
                onError: report.onError,
              })
            }
          >
            {t('openSpaces.session.withdraw')}
          </ConfirmButton>
        </div>
      </form>
    </Section>
  );
}

function Notes({ session }: { session: OpenSpaceSessionDetailDto }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const [isOpen, setOpen] = useState(false);
  const canWrite = session.abilities.takePart;
  return (
    <Section
      title={t('openSpaces.notes')}
      description={
        canWrite
          ? undefined
          : session.notesOpen
            ? t('openSpaces.session.notesReadOnly')
            : t('openSpaces.session.notesClosed')
      }
    >
      {!me ? (
        <>
          {session.notes ? (
            <MarkdownText source={session.notes} />
          ) : (
            <EmptyState isCompact title={t('openSpaces.session.noNotes')} />
          )}
          <p>{t('openSpaces.session.signInToRead')}</p>
        </>
      ) : isOpen || canWrite ? (
        <Suspense fallback={<p role="status">{t('session.notes.loading')}</p>}>
          <collaborativeNotes.Component
            key={`${session.id}:${canWrite}`}
            sessionId={session.id}
            documentName={openSpaceNotesDocument(session.id)}
            readOnly={!canWrite}
            userName={me.name}
            userId={me.id}
          />
        </Suspense>
      ) : (
        <>
          {session.notes ? (
            <MarkdownText source={session.notes} />
          ) : (
            <EmptyState isCompact title={t('openSpaces.session.noNotes')} />
          )}
          <div>
            <Button variant="secondary" onClick={() => setOpen(true)} onFocus={collaborativeNotes.preload}>
              {t('openSpaces.session.showNotes')}
            </Button>
          </div>
        </>
      )}
    </Section>
  );
}

/** One session of the open space: where and when, its question, and its shared notes. */
export function OpenSpaceSessionPage() {
  const { t } = useTranslation();
  const { id = '', sessionId = '' } = useParams();
  const me = useMe().data;
  const query = useOpenSpaceSession(id, sessionId, Boolean(me));
  const slotLabel = useSlotLabel(query.data?.timeZone ?? 'UTC');
  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    return isNotFound(query.error) ? (
      <NotFoundPage />
    ) : (
      <ErrorState error={query.error} onRetry={() => query.refetch()} />
    );
  }
  const session = query.data;
  return (
    <div className={styles.page}>
      <PageHeader
        eyebrow={<Link to={openSpacePage(session.openSpaceId)}>{session.openSpaceTitle}</Link>}
        title={session.title}
        description={
          <>
            <p>{t('openSpaces.session.where', { room: session.roomName, time: slotLabel(session.slot) })}</p>
            <p>
              {session.host.name ? `${t('openSpaces.host', { name: session.host.name })} · ` : null}
              {t('openSpaces.present', { count: session.presentCount })}
            </p>
            {session.question ? (
              <p className={styles.question}>
                {t('openSpaces.session.questionLine', { question: session.question })}
              </p>
            ) : null}
          </>
        }
      />
      <Notes session={session} />
      {session.abilities.steer ? <HostControls key={session.id} session={session} /> : null}
      <p>
        <Link to={openSpacePage(session.openSpaceId)}>← {t('openSpaces.session.back')}</Link>
      </p>
    </div>
  );
}
