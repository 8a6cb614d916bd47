import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Session } from '../../contract/session.ts';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { ItemTimes } from '../features/sessions/agenda-view.tsx';
import {
  AgendaItemLinks,
  currentOf,
  MeetingClock,
  WeatherSummary,
} from '../features/sessions/meeting/meeting-parts.tsx';
import styles from '../features/sessions/meeting/projector.module.css';
import { useSession } from '../features/sessions/session-api.ts';
import { isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

/** The session on a shared screen: large type, high contrast, nothing to edit, live. */
function ProjectorView({ session }: { session: Session }) {
  const { t } = useTranslation();
  const { current, next } = currentOf(session);
  const navigate = useNavigate();
  const meetingUrl = `/sessions/${encodeURIComponent(session.id)}/meeting`;
  // Escape leaves the projector for the meeting view, as a full-screen mode would.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') void navigate(meetingUrl);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, meetingUrl]);
  const openSteps = session.actions.filter(
    (action) => action.status === 'todo' || action.status === 'in_progress',
  );
  return (
    <div className={styles.projector} data-testid="projector">
      <title>{`${t('meeting.projectorTitle', { title: session.title })} · Archipel`}</title>
      <header className={styles.head}>
        <p className={styles.kicker}>
          {session.circleName} · {session.title}
        </p>
        <Link className={styles.exit} to={meetingUrl}>
          {t('meeting.exitProjector')}
        </Link>
      </header>
      <div className={styles.main}>
        <section className={styles.now} aria-labelledby="projector-now">
          {current ? (
            <>
              <h1 id="projector-now" className={styles.nowTitle}>
                {current.title}
              </h1>
              <p className={styles.times}>
                <ItemTimes item={current} timeZone={session.timeZone} />
              </p>
              <MeetingClock session={session} item={current} isLarge />
              <AgendaItemLinks session={session} itemId={current.id} isLarge />
              {next ? <p className={styles.next}>{t('meeting.next', { title: next.title })}</p> : null}
            </>
          ) : (
            <h1 id="projector-now" className={styles.nowTitle}>
              {session.status === 'ended' ? t('meeting.ended') : t('meeting.notStartedProjector')}
            </h1>
          )}
        </section>
        <div className={styles.side}>
          <section aria-labelledby="projector-queue">
            <h2 id="projector-queue" className={styles.sideTitle}>
              {t('meeting.queue.title')}
            </h2>
            {session.hands.length === 0 ? (
              <p className={styles.muted}>{t('meeting.queue.empty')}</p>
            ) : (
              <ol className={styles.queue}>
                {session.hands.map((hand) => (
                  <li key={hand.userId} className={hand.hasFloor ? styles.speaking : undefined}>
                    {hand.name}
                    {hand.hasFloor ? ` · ${t('meeting.queue.speaking')}` : ''}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section aria-labelledby="projector-weather">
            <h2 id="projector-weather" className={styles.sideTitle}>
              {t('meeting.weather.title')}
            </h2>
            <WeatherSummary session={session} isLarge />
          </section>
          <section aria-labelledby="projector-steps">
            <h2 id="projector-steps" className={styles.sideTitle}>
              {t('meeting.nextSteps')}
            </h2>
            {openSteps.length === 0 ? (
              <p className={styles.muted}>{t('meeting.noNextSteps')}</p>
            ) : (
              <ul className={styles.steps}>
                {openSteps.map((action) => (
                  <li key={action.id}>
                    {action.title}
                    {action.owners.length ? (
                      <span className={styles.owners}> — {action.owners.map((o) => o.name).join(', ')}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}

export function SessionProjectorPage() {
  const { id = '' } = useParams();
  const isSignedIn = Boolean(useMe().data);
  const session = useSession(id, isSignedIn);
  if (session.isPending) return <LoadingState />;
  if (session.isError) {
    if (isNotFound(session.error)) return <NotFoundPage />;
    return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  }
  return <ProjectorView session={session.data} />;
}
