import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Session } from '../../contract/session.ts';
import { ButtonLink } from '../components/button-link.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { ItemTimes } from '../features/sessions/agenda-view.tsx';
import { CheckinForm } from '../features/sessions/checkin-round.tsx';
import styles from '../features/sessions/meeting/meeting.module.css';
import {
  AgendaItemLinks,
  currentOf,
  MeetingClock,
  MeetingControls,
  SpeakingQueue,
  WeatherSummary,
} from '../features/sessions/meeting/meeting-parts.tsx';
import { SessionActions } from '../features/sessions/session-actions.tsx';
import { useSession } from '../features/sessions/session-api.ts';
import { SessionStatusBadge } from '../features/sessions/session-badges.tsx';
import { isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

const sessionUrl = (id: string) => `/sessions/${encodeURIComponent(id)}`;

/** The room's one screen: the current item and its countdown, the queue, the météo, the next steps. */
function MeetingView({ session }: { session: Session }) {
  const { t } = useTranslation();
  const me = useMe().data ?? null;
  const canTakePart = me !== null && session.abilities.takePart;
  const { current, next } = currentOf(session);
  const myWeather = session.checkins.find((c) => c.round === 'opening' && c.userId === me?.id);
  return (
    <div className={styles.page}>
      <title>{`${t('meeting.documentTitle', { title: session.title })} · Archipel`}</title>
      <header className={styles.head}>
        <div className={styles.headTitles}>
          <p className={styles.kicker}>
            <Link to={`/circles/${encodeURIComponent(session.circleId)}`}>{session.circleName}</Link> ·{' '}
            {t('meeting.kicker')}
          </p>
          <h1 className={styles.title}>{session.title}</h1>
        </div>
        <div className={styles.headActions}>
          <SessionStatusBadge status={session.status} />
          <ButtonLink variant="secondary" size="sm" to={`${sessionUrl(session.id)}/projector`}>
            {t('meeting.projector')}
          </ButtonLink>
          {session.abilities.steer ? (
            <ButtonLink variant="secondary" size="sm" to={`${sessionUrl(session.id)}/prepare`}>
              {t('meeting.prepare')}
            </ButtonLink>
          ) : null}
          <ButtonLink variant="ghost" size="sm" to={sessionUrl(session.id)}>
            {t('meeting.backToSession')}
          </ButtonLink>
        </div>
      </header>

      <div className={styles.layout}>
        <div className={styles.mainColumn}>
          <section className={styles.now} aria-labelledby="meeting-now-label">
            <p id="meeting-now-label" className={styles.nowLabel}>
              {t('meeting.now')}
            </p>
            {current ? (
              <>
                <div className={styles.nowRow}>
                  <div className={styles.nowText}>
                    <h2 className={styles.nowTitle}>{current.title}</h2>
                    <ItemTimes item={current} timeZone={session.timeZone} />
                  </div>
                  <MeetingClock session={session} item={current} />
                </div>
                {current.notes ? <p className={styles.itemNotes}>{current.notes}</p> : null}
                {current.children.length ? (
                  <ul className={styles.children}>
                    {current.children.map((child) => (
                      <li key={child.id}>{child.title}</li>
                    ))}
                  </ul>
                ) : null}
                <AgendaItemLinks session={session} itemId={current.id} />
                <p className={styles.nextLine}>
                  {next ? t('meeting.next', { title: next.title }) : t('meeting.lastItem')}
                </p>
              </>
            ) : (
              <h2 className={styles.nowEmpty}>
                {session.agenda.length === 0
                  ? t('meeting.noAgenda')
                  : session.status === 'ended'
                    ? t('meeting.ended')
                    : t('meeting.notStarted')}
              </h2>
            )}
            {session.abilities.steer && session.agenda.length > 0 && session.status !== 'cancelled' ? (
              <MeetingControls session={session} />
            ) : null}
          </section>

          <SessionActions session={session} canTakePart={canTakePart} />
        </div>

        <aside className={styles.sideColumn} aria-label={t('meeting.kicker')}>
          <SpeakingQueue session={session} myId={me?.id} />
          <nav className={styles.panel} aria-labelledby="meeting-agenda-title">
            <h2 id="meeting-agenda-title" className={styles.panelTitle}>
              {t('meeting.agenda')}
            </h2>
            <ol className={styles.agenda}>
              {session.agenda.map((item) => {
                const isCurrent = item.id === session.currentItemId;
                return (
                  <li
                    key={item.id}
                    className={isCurrent ? styles.agendaCurrent : undefined}
                    aria-current={isCurrent ? 'step' : undefined}
                  >
                    <ItemTimes item={item} timeZone={session.timeZone} /> {item.title}
                  </li>
                );
              })}
            </ol>
          </nav>
          <section className={styles.panel} aria-labelledby="meeting-weather-title">
            <h2 id="meeting-weather-title" className={styles.panelTitle}>
              {t('meeting.weather.title')}
            </h2>
            <WeatherSummary session={session} />
            {canTakePart && session.status !== 'cancelled' ? (
              <details className={styles.details}>
                <summary>{myWeather ? t('meeting.weather.change') : t('meeting.weather.give')}</summary>
                <CheckinForm sessionId={session.id} round="opening" mine={myWeather} />
              </details>
            ) : null}
          </section>
        </aside>
      </div>
    </div>
  );
}

export function SessionMeetingPage() {
  const { id = '' } = useParams();
  const isSignedIn = Boolean(useMe().data);
  const session = useSession(id, isSignedIn);
  if (session.isPending) return <LoadingState />;
  if (session.isError) {
    if (isNotFound(session.error)) return <NotFoundPage />;
    return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  }
  return <MeetingView session={session.data} />;
}
