import { type FormEvent, Suspense, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { GuestHome } from '../../contract/guest.ts';
import { Alert } from '../components/alert.tsx';
import { Badge } from '../components/badge.tsx';
import { Button } from '../components/button.tsx';
import { ButtonLink } from '../components/button-link.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import fieldStyles from '../components/field.module.css';
import { FormPage } from '../components/form-page.tsx';
import { FormStatus, type FormStatusMessage } from '../components/form-status.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { useBoard } from '../features/boards/board-api.ts';
import { BoardWall } from '../features/boards/board-wall.tsx';
import {
  useAddGuestNote,
  useGuestDots,
  useGuestHome,
  useGuestPoll,
  useLeaveAsGuest,
} from '../features/guests/guest-api.ts';
import styles from '../features/guests/guests.module.css';
import { BallotForm } from '../features/polls/ballot-form.tsx';
import { useMyBallot } from '../features/polls/poll-api.ts';
import { CheckinForm } from '../features/sessions/checkin-round.tsx';
import { isNotFound, useErrorMessage } from '../lib/error-message.ts';
import { lazyNamed } from '../lib/lazy-named.ts';

/** The live editor (Tiptap, Yjs) loads when the guest opens the notes. */
const collaborativeNotes = lazyNamed(
  () => import('../features/sessions/notes/collaborative-notes.tsx'),
  'CollaborativeNotes',
);

function GuestNotes({ sessionId, userName }: { sessionId: string; userName: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Section title={t('guests.view.notesTitle')} description={t('guests.view.notesIntro')}>
      {open ? (
        <Suspense fallback={<LoadingState />}>
          <collaborativeNotes.Component sessionId={sessionId} userName={userName} />
        </Suspense>
      ) : (
        <div>
          <Button variant="secondary" onClick={() => setOpen(true)} onFocus={collaborativeNotes.preload}>
            {t('guests.view.openNotes')}
          </Button>
        </div>
      )}
    </Section>
  );
}

/** The météo, with the same form as members (the route lets a guest answer in their session). */
function GuestCheckin({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  return (
    <Section title={t('guests.view.checkinTitle')} description={t('guests.view.checkinIntro')}>
      <CheckinForm sessionId={sessionId} round="opening" mine={undefined} />
    </Section>
  );
}

/**
 * A board of the session: its wall (live, patched by the board follower; a facilitator's focus
 * moves it as it moves everyone's), the form that adds a post-it where the wall is looking, and the
 * post-its as a list with their dots (the wall's accessible equivalent).
 */
function GuestBoard({ boardId, title }: { boardId: string; title: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [focusRequest, setFocusRequest] = useState<{ zoneId: string; by: string; byId: string } | null>(null);
  const { board } = useBoard(boardId, (focus) => setFocusRequest({ ...focus }));
  const add = useAddGuestNote(boardId);
  const dots = useGuestDots(boardId);
  const errorMessage = useErrorMessage();
  const wallCentre = useRef<(() => { wallX: number; wallY: number }) | null>(null);
  const [text, setText] = useState('');
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const onFail = (error: unknown) => setMessage({ tone: 'danger', text: errorMessage(error) });
  const onAnnounce = (announced: string) => setMessage({ tone: 'info', text: announced });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return setMessage({ tone: 'danger', text: t('guests.view.noteRequired') });
    add.mutate(
      { text: text.trim(), ...(wallCentre.current?.() ?? { wallX: 0, wallY: 0 }) },
      {
        onSuccess: () => {
          setText('');
          setMessage({ tone: 'success', text: t('guests.view.noteAdded') });
        },
        onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
      },
    );
  }
  return (
    <Section title={title} description={t('guests.view.boardIntro')}>
      {board.data ? (
        <BoardWall
          board={board.data}
          onFail={onFail}
          onAnnounce={onAnnounce}
          focusRequest={focusRequest}
          centreRef={wallCentre}
        />
      ) : null}
      <form className={styles.panel} onSubmit={submit} noValidate>
        <div className={fieldStyles.field}>
          <label className={fieldStyles.label} htmlFor={`${id}-note`}>
            {t('guests.view.newNote')}
          </label>
          <textarea
            id={`${id}-note`}
            className={fieldStyles.input}
            rows={3}
            maxLength={2000}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <div>
          <Button type="submit" isPending={add.isPending}>
            {t('guests.view.addNote')}
          </Button>
        </div>
        <FormStatus message={message} />
      </form>
      {board.isPending ? <LoadingState /> : null}
      {board.isError ? <ErrorState error={board.error} onRetry={() => void board.refetch()} /> : null}
      {board.data && board.data.notes.length === 0 ? <EmptyState title={t('guests.view.noNotes')} /> : null}
      {board.data && board.data.notes.length > 0 ? (
        <ul className={styles.notes} aria-label={t('guests.view.notesOf', { board: title })}>
          {board.data.notes.map((note) => (
            <li key={note.id} className={styles.note}>
              <p className={styles.noteText}>{note.text}</p>
              <p className={styles.noteMeta}>
                {note.author ? <span>{note.author.name}</span> : null}
                {note.isMine ? <Badge tone="accent">{t('guests.badge')}</Badge> : null}
                {note.dots !== null ? <span>{t('guests.view.dots', { count: note.dots })}</span> : null}
              </p>
              {board.data.isVotingOpen ? (
                <Button
                  size="sm"
                  variant="secondary"
                  isPending={dots.isPending}
                  aria-pressed={note.myDots > 0}
                  onClick={() => dots.mutate({ noteId: note.id, count: note.myDots > 0 ? 0 : 1 })}
                >
                  {note.myDots > 0 ? t('guests.view.removeDot') : t('guests.view.addDot')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}

/** A poll of the session: the members' ballot form, every kind of poll, changeable while open. */
function GuestPoll({ pollId }: { pollId: string }) {
  const { t } = useTranslation();
  const poll = useGuestPoll(pollId);
  const voting = poll.data?.phase === 'voting';
  const myBallot = useMyBallot(pollId, voting);
  if (!poll.data) return poll.isError ? <ErrorState error={poll.error} /> : <LoadingState />;
  return (
    <Section title={poll.data.title} description={poll.data.description || undefined}>
      {voting ? (
        myBallot.isPending ? (
          <LoadingState />
        ) : (
          <BallotForm poll={poll.data} current={myBallot.data?.ballot ?? null} />
        )
      ) : (
        <p className={styles.muted}>{t('guests.view.pollNotVoting')}</p>
      )}
    </Section>
  );
}

function GuestSessionView({ home }: { home: GuestHome }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const leave = useLeaveAsGuest();
  const until = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' }).format(
    new Date(home.expiresAt),
  );
  return (
    <>
      <PageHeader
        eyebrow={home.session.circleName}
        title={home.session.title}
        documentTitle={`${home.session.title} · ${t('guests.badge')}`}
        meta={<Badge tone="accent">{t('guests.badge')}</Badge>}
        description={t('guests.view.as', { name: home.guest.name, time: until })}
        actions={
          <Button
            variant="secondary"
            isPending={leave.isPending}
            onClick={() => leave.mutate(undefined, { onSuccess: () => navigate('/rejoindre') })}
          >
            {t('guests.view.leave')}
          </Button>
        }
      />
      <div className={styles.guestMain}>
        <GuestCheckin sessionId={home.session.id} />
        {home.boards.map((board) => (
          <GuestBoard key={board.id} boardId={board.id} title={board.title} />
        ))}
        {home.polls.map((poll) => (
          <GuestPoll key={poll.id} pollId={poll.id} />
        ))}
        <GuestNotes sessionId={home.session.id} userName={home.guest.name} />
        <Alert tone="info" title={t('guests.view.keepTitle')}>
          <p>{t('guests.view.keep')}</p>
          <p>
            <ButtonLink to="/sign-up?next=%2Frejoindre" variant="secondary">
              {t('guests.view.signUp')}
            </ButtonLink>
          </p>
        </Alert>
      </div>
    </>
  );
}

/** /rejoindre/seance: what a guest may use in their session, and only that. */
export function GuestSessionPage() {
  const { t } = useTranslation();
  const home = useGuestHome();
  if (home.isPending) return <LoadingState />;
  if (home.isError) {
    if (isNotFound(home.error))
      return (
        <FormPage title={t('guests.view.endedTitle')}>
          <Alert tone="warning">
            <p>{t('guests.view.ended')}</p>
          </Alert>
          <ButtonLink to="/rejoindre">{t('guests.view.joinAgain')}</ButtonLink>
        </FormPage>
      );
    return <ErrorState error={home.error} onRetry={() => void home.refetch()} />;
  }
  return <GuestSessionView home={home.data} />;
}
