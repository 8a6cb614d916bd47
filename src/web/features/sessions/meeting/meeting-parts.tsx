import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AgendaItem, Session } from '../../../../contract/session.ts';
import { agendaLinkPath } from '../../../../domain/meeting-links.ts';
import { Button } from '../../../components/button.tsx';
import { ConfirmButton } from '../../../components/confirm-button.tsx';
import { FormStatus } from '../../../components/form-status.tsx';
import { runReported, useActionStatus } from '../../../lib/action-status.ts';
import { serverClockOffset } from '../../../lib/server-clock.ts';
import { usePatchSession, useSetCurrentItem } from '../session-api.ts';
import { countdown, formatClock } from '../session-time.ts';
import { useNow } from '../use-now.ts';
import { WeatherIcon } from '../weather-icon.tsx';
import styles from './meeting.module.css';
import { useClearHands, useGiveFloor, useLowerHand, useMyHand, useSteerTimer } from './meeting-api.ts';

/** The current item, the one after it, and where it sits in the agenda. */
export function currentOf(session: Session) {
  const index = session.agenda.findIndex((item) => item.id === session.currentItemId);
  return {
    index,
    current: index >= 0 ? session.agenda[index] : undefined,
    previous: index > 0 ? session.agenda[index - 1] : undefined,
    next: index >= 0 ? session.agenda[index + 1] : undefined,
  };
}

/** The countdown as every participant computes it from the server's timer (domain/meeting-timer.ts). */
export function MeetingClock({
  session,
  item,
  isLarge,
}: {
  session: Session;
  item: AgendaItem;
  isLarge?: boolean;
}) {
  const { t } = useTranslation();
  const isPaused = Boolean(session.timer?.pausedAt);
  const now = useNow(Boolean(session.timer) && !isPaused);
  // On the server's clock: screens whose clocks differ still show the same time left.
  const left = countdown(session.currentItemStartedAt, item, now + serverClockOffset(), session.timer);
  if (!left) return null;
  const label = isPaused
    ? t('meeting.timer.paused')
    : left.isOver
      ? t('meeting.timer.overTime')
      : t('meeting.timer.remaining');
  return (
    <div
      className={`${styles.clock} ${isLarge ? styles.clockLarge : ''} ${left.isOver ? styles.clockOver : ''} ${
        isPaused ? styles.clockPaused : ''
      }`}
      data-testid="meeting-clock"
    >
      {/* role="timer" is not announced every second. */}
      <span role="timer" aria-label={t('meeting.timer.label')} className={styles.clockDigits}>
        {left.isOver ? `+${formatClock(left.remaining)}` : formatClock(left.remaining)}
      </span>
      <span className={styles.clockLabel}>{label}</span>
    </div>
  );
}

/** The facilitator's controls: start, move, pause / resume, "+2 min", end. */
export function MeetingControls({ session }: { session: Session }) {
  const { t } = useTranslation();
  const { message, report } = useActionStatus();
  const setCurrent = useSetCurrentItem(session.id);
  const patch = usePatchSession(session.id);
  const steer = useSteerTimer(session.id);
  const { index, previous, next } = currentOf(session);
  const first = session.agenda[0];
  const isPaused = Boolean(session.timer?.pausedAt);
  const go = (item: AgendaItem) =>
    runReported(setCurrent.mutateAsync, item.id, report(t('facilitation.moved', { title: item.title })));
  const isBusy = setCurrent.isPending || steer.isPending;
  return (
    <div className={styles.controls}>
      <div className={styles.buttons}>
        {index < 0 && first && session.status !== 'ended' ? (
          <Button isPending={setCurrent.isPending} onClick={() => go(first)}>
            {session.status === 'live' ? t('facilitation.resume') : t('facilitation.start')}
          </Button>
        ) : null}
        {session.timer ? (
          <>
            <Button
              variant="secondary"
              isPending={steer.isPending}
              onClick={() =>
                runReported(
                  steer.mutateAsync,
                  isPaused ? { action: 'resume' as const } : { action: 'pause' as const },
                  report(isPaused ? t('meeting.timer.resumedDone') : t('meeting.timer.pausedDone')),
                )
              }
            >
              {isPaused ? t('meeting.timer.resume') : t('meeting.timer.pause')}
            </Button>
            <Button
              variant="secondary"
              isPending={steer.isPending}
              aria-label={t('meeting.timer.extendLabel')}
              onClick={() =>
                runReported(
                  steer.mutateAsync,
                  { action: 'extend' as const, minutes: 2 },
                  report(t('meeting.timer.extendedDone')),
                )
              }
            >
              {t('meeting.timer.extend')}
            </Button>
          </>
        ) : null}
        {previous ? (
          <Button variant="secondary" isPending={isBusy} onClick={() => go(previous)}>
            <span aria-hidden="true">←</span> {t('facilitation.previous')}
          </Button>
        ) : null}
        {next ? (
          <Button isPending={isBusy} onClick={() => go(next)}>
            {t('facilitation.next')} <span aria-hidden="true">→</span>
          </Button>
        ) : null}
        {session.status === 'live' ? (
          <ConfirmButton
            variant="secondary"
            isPending={patch.isPending}
            title={t('facilitation.endTitle')}
            message={t('facilitation.endMessage')}
            confirmLabel={t('facilitation.endConfirm')}
            onConfirm={() =>
              runReported(
                (status: 'ended') => setCurrent.mutateAsync(null).then(() => patch.mutateAsync({ status })),
                'ended',
                report(t('facilitation.ended')),
              )
            }
          >
            {t('facilitation.end')}
          </ConfirmButton>
        ) : null}
      </div>
      <FormStatus message={message} />
    </div>
  );
}

/** The boards, polls, sheets and date polls linked into an item: clear links to open them. */
export function AgendaItemLinks({
  session,
  itemId,
  isLarge,
}: {
  session: Session;
  itemId: string;
  isLarge?: boolean;
}) {
  const { t } = useTranslation();
  const links = session.agendaLinks.filter((link) => link.itemId === itemId);
  if (links.length === 0) return null;
  return (
    <ul className={`${styles.links} ${isLarge ? styles.linksLarge : ''}`}>
      {links.map((link) => {
        // The kind is part of the link's name: "Tableau : Prochains pas".
        const label = (
          <>
            <span className={styles.linkKind}>{t(`meeting.links.kind.${link.kind}`)}</span>
            <span className="visually-hidden"> :</span> <span className={styles.linkTitle}>{link.title}</span>
          </>
        );
        return (
          <li key={link.id}>
            {isLarge ? label : <Link to={agendaLinkPath(link.kind, link.targetId)}>{label}</Link>}
          </li>
        );
      })}
    </ul>
  );
}

/** "Je demande la parole": my hand, the ordered queue, and the facilitator's floor. */
export function SpeakingQueue({ session, myId }: { session: Session; myId: string | undefined }) {
  const { t } = useTranslation();
  const { message, report } = useActionStatus();
  const myHand = useMyHand(session.id);
  const giveFloor = useGiveFloor(session.id);
  const lowerHand = useLowerHand(session.id);
  const clear = useClearHands(session.id);
  const position = session.hands.findIndex((hand) => hand.userId === myId);
  const isRaised = position >= 0;
  const canSteer = session.abilities.steer;
  return (
    <section className={styles.panel} aria-labelledby="meeting-queue-title">
      <div className={styles.panelHead}>
        <h2 id="meeting-queue-title" className={styles.panelTitle}>
          {t('meeting.queue.title')}
        </h2>
        {canSteer && session.hands.length > 0 ? (
          <Button
            variant="ghost"
            size="sm"
            isPending={clear.isPending}
            onClick={() => runReported(clear.mutateAsync, undefined, report(t('meeting.queue.cleared')))}
          >
            {t('meeting.queue.clear')}
          </Button>
        ) : null}
      </div>
      {session.abilities.takePart && myId && session.status !== 'cancelled' ? (
        <div className={styles.myHand}>
          <Button
            variant={isRaised ? 'secondary' : 'primary'}
            isPending={myHand.isPending}
            aria-pressed={isRaised}
            onClick={() =>
              runReported(
                myHand.mutateAsync,
                !isRaised,
                report(isRaised ? t('meeting.queue.lowered') : t('meeting.queue.raised')),
              )
            }
          >
            {isRaised ? t('meeting.queue.lower') : t('meeting.queue.raise')}
          </Button>
          {isRaised ? (
            <span className={styles.muted}>{t('meeting.queue.position', { position: position + 1 })}</span>
          ) : null}
        </div>
      ) : null}
      {session.hands.length === 0 ? (
        <p className={styles.muted}>{t('meeting.queue.empty')}</p>
      ) : (
        <ol className={styles.queue} aria-label={t('meeting.queue.count', { count: session.hands.length })}>
          {session.hands.map((hand) => (
            <li key={hand.userId} className={`${styles.hand} ${hand.hasFloor ? styles.hasFloor : ''}`}>
              <span className={styles.handName}>
                {hand.name}
                {hand.hasFloor ? (
                  <span className={styles.floorBadge}> · {t('meeting.queue.speaking')}</span>
                ) : null}
              </span>
              {canSteer ? (
                <span className={styles.handActions}>
                  {hand.hasFloor ? null : (
                    <Button
                      size="sm"
                      variant="secondary"
                      aria-label={t('meeting.queue.giveFloor', { name: hand.name })}
                      isPending={giveFloor.isPending}
                      onClick={() =>
                        runReported(
                          giveFloor.mutateAsync,
                          hand.userId,
                          report(t('meeting.queue.floorGiven', { name: hand.name })),
                        )
                      }
                    >
                      {t('meeting.queue.giveFloorShort')}
                    </Button>
                  )}
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={t('meeting.queue.lowerHand', { name: hand.name })}
                    isPending={lowerHand.isPending}
                    onClick={() =>
                      runReported(lowerHand.mutateAsync, hand.userId, report(t('meeting.queue.lowered')))
                    }
                  >
                    {t('meeting.queue.lowerHandShort')}
                  </Button>
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <FormStatus message={message} />
    </section>
  );
}

/** The météo at a glance: each person's weather and word. */
export function WeatherSummary({ session, isLarge }: { session: Session; isLarge?: boolean }) {
  const { t } = useTranslation();
  const answers = session.checkins.filter((checkin) => checkin.round === 'opening');
  if (answers.length === 0) return <p className={styles.muted}>{t('meeting.weather.none')}</p>;
  return (
    <ul className={`${styles.weathers} ${isLarge ? styles.weathersLarge : ''}`}>
      {answers.map((answer) => (
        <li key={answer.userId} className={styles.weather}>
          <WeatherIcon weather={answer.weather} size={isLarge ? 'lg' : 'md'} />
          <span>
            <span className={styles.weatherName}>{answer.name}</span>
            <span className="visually-hidden"> : {t(`checkin.weather.${answer.weather}`)}</span>
            {answer.word ? <span className={styles.weatherWord}> « {answer.word} »</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
