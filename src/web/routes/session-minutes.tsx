import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Session } from '../../contract/session.ts';
import { buttonClass } from '../components/button-class.ts';
import { LinkedText, MarkdownText } from '../components/markdown-text.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { formatDueOn } from '../features/sessions/action-list.tsx';
import { ItemTimes } from '../features/sessions/agenda-view.tsx';
import { sessionPath, useSession } from '../features/sessions/session-api.ts';
import { SessionPlace, SessionWhen } from '../features/sessions/session-when.tsx';
import { WeatherIcon } from '../features/sessions/weather-icon.tsx';
import { currentLanguage } from '../i18n/i18n.ts';
import { isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';
import styles from './session-minutes.module.css';

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className={styles.part}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function ActionItems({ actions }: { actions: Session['actions'] }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className={styles.items}>
      {actions.map((action) => (
        <li key={action.id}>
          <strong>
            <LinkedText text={action.title} />
          </strong>
          {' — '}
          {action.owners.length
            ? t('actions.owners', { names: action.owners.map((o) => o.name).join(', ') })
            : t('actions.noOwner')}
          {action.dueOn ? ` — ${t('actions.dueOn', { date: formatDueOn(action.dueOn, i18n.language) })}` : ''}
          {` — ${t(`actions.status.${action.status}`)}`}
        </li>
      ))}
    </ul>
  );
}

function Minutes({ session }: { session: Session }) {
  const { t } = useTranslation();
  const present = session.participants.filter((p) => p.status === 'present');
  const coming = session.participants.filter((p) => p.status === 'confirmed');
  const excused = session.participants.filter((p) => p.status === 'excused');
  const rounds = (['opening', 'closing'] as const).map((round) => ({
    round,
    answers: session.checkins.filter((c) => c.round === round),
  }));
  return (
    <article className={styles.page}>
      <title>{`${t('minutes.title')} · ${session.title} · Archipel`}</title>
      <div className={styles.toolbar}>
        <Link to={`/sessions/${encodeURIComponent(session.id)}`}>← {t('minutes.back')}</Link>
        <div className={styles.toolbarActions}>
          <button type="button" className={buttonClass('primary')} onClick={() => window.print()}>
            {t('minutes.print')}
          </button>
          <a
            className={buttonClass('secondary')}
            href={`${sessionPath(session.id)}/minutes.md?lang=${currentLanguage()}`}
            download={`compte-rendu-${session.id}.md`}
          >
            {t('minutes.download')}
          </a>
          {(['odt', 'pdf'] as const).map((format) => (
            <a
              key={format}
              className={buttonClass('secondary')}
              href={`${sessionPath(session.id)}/minutes.${format}?lang=${currentLanguage()}`}
              download={`compte-rendu-${session.id}.${format}`}
            >
              {t(`minutes.download_${format}`)}
            </a>
          ))}
        </div>
      </div>
      <header className={styles.head}>
        <p className={styles.kicker}>
          {t('minutes.title')} · {session.circleName}
        </p>
        <h1>{session.title}</h1>
        <SessionWhen session={session} />
        <SessionPlace place={session.place} />
      </header>
      <Part title={t('minutes.participants')}>
        <p>
          <strong>{t('minutes.present')}</strong> {present.map((p) => p.name).join(', ') || '—'}
        </p>
        {coming.length ? (
          <p>
            <strong>{t('minutes.coming')}</strong> {coming.map((p) => p.name).join(', ')}
          </p>
        ) : null}
        <p>
          <strong>{t('minutes.excused')}</strong> {excused.map((p) => p.name).join(', ') || '—'}
        </p>
      </Part>
      {rounds.map(({ round, answers }) =>
        answers.length ? (
          <Part key={round} title={t(`checkin.title.${round}`)}>
            <ul className={styles.checkins}>
              {answers.map((a) => (
                <li key={a.userId}>
                  <WeatherIcon weather={a.weather} />
                  <span>
                    <strong>{a.name}</strong> : {t(`checkin.weather.${a.weather}`)}
                    {a.word ? ` — « ${a.word} »` : ''}
                  </span>
                </li>
              ))}
            </ul>
          </Part>
        ) : null,
      )}
      {session.openActions.length ? (
        <Part title={t('actions.review.title')}>
          <ActionItems actions={session.openActions} />
        </Part>
      ) : null}
      <Part title={t('agenda.title')}>
        {session.agenda.length ? (
          <ol className={styles.items}>
            {session.agenda.map((item) => (
              <li key={item.id} className={styles.agendaItem}>
                <ItemTimes item={item} timeZone={session.timeZone} />{' '}
                <strong>
                  <LinkedText text={item.title} />
                </strong>
                {item.notes ? <MarkdownText source={item.notes} /> : null}
                {item.children.length ? (
                  <ul>
                    {item.children.map((child) => (
                      <li key={child.id}>
                        <LinkedText text={child.title} />
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p>{t('agenda.empty')}</p>
        )}
      </Part>
      <Part title={t('session.synthesis.title')}>
        {session.synthesis ? (
          <MarkdownText source={session.synthesis} topLevel={3} />
        ) : (
          <p>{t('session.synthesis.none')}</p>
        )}
      </Part>
      <Part title={t('actions.title')}>
        {session.actions.length ? <ActionItems actions={session.actions} /> : <p>{t('actions.none')}</p>}
      </Part>
      {session.announcements.length ? (
        <Part title={t('session.announcements.title')}>
          <ul className={styles.items}>
            {session.announcements.map((a) => (
              <li key={a.id} className={styles.text}>
                {a.text}
              </li>
            ))}
          </ul>
        </Part>
      ) : null}
      {session.votes.map((vote) => (
        <Part key={vote.id} title={vote.title}>
          <ul className={styles.items}>
            {vote.sections.map((section) => (
              <li key={section.label}>
                <strong>{section.label}</strong> : {section.options.join(', ')}
              </li>
            ))}
          </ul>
        </Part>
      ))}
      {session.sharedNotes ? (
        <Part title={t('session.notes.title')}>
          <MarkdownText source={session.sharedNotes} topLevel={3} />
        </Part>
      ) : null}
      {session.notes ? (
        <Part title={t('session.notes.imported')}>
          <MarkdownText source={session.notes} topLevel={3} />
        </Part>
      ) : null}
    </article>
  );
}

export function SessionMinutesPage() {
  const { id = '' } = useParams();
  const session = useSession(id, false);
  if (session.isPending) return <LoadingState />;
  if (session.isError) {
    if (isNotFound(session.error)) return <NotFoundPage />;
    return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  }
  return <Minutes session={session.data} />;
}
