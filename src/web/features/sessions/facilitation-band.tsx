import { useTranslation } from 'react-i18next';
import type { Session } from '../../../contract/session.ts';
import { Button } from '../../components/button.tsx';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { FormStatus } from '../../components/form-status.tsx';
import { runReported, useActionStatus } from '../../lib/action-status.ts';
import { serverClockOffset } from '../../lib/server-clock.ts';
import { ItemTimes } from './agenda-view.tsx';
import styles from './facilitation-band.module.css';
import { usePatchSession, useSetCurrentItem } from './session-api.ts';
import { countdown, formatClock } from './session-time.ts';
import { useNow } from './use-now.ts';

function Countdown({ session }: { session: Session }) {
  const { t } = useTranslation();
  const item = session.agenda.find((i) => i.id === session.currentItemId);
  const now = useNow(Boolean(item && session.currentItemStartedAt));
  if (!item) return null;
  const left = countdown(session.currentItemStartedAt, item, now + serverClockOffset(), session.timer);
  if (!left) return null;
  return (
    <div className={`${styles.countdown} ${left.isOver ? styles.over : ''}`}>
      {/* role="timer" is not announced every second; the over-time notice below is, once. */}
      <span role="timer" className={styles.clock}>
        {left.isOver ? `+${formatClock(left.remaining)}` : formatClock(left.remaining)}
      </span>
      <span className={styles.clockLabel}>
        {left.isOver ? t('facilitation.overTime') : t('facilitation.remaining')}
      </span>
    </div>
  );
}

/** Whether the current item has run past its planned time: announced once, not every tick. */
function OverTimeNotice({ session }: { session: Session }) {
  const { t } = useTranslation();
  const item = session.agenda.find((i) => i.id === session.currentItemId);
  const now = useNow(Boolean(item && session.currentItemStartedAt), 5000);
  const isOver = item
    ? Boolean(countdown(session.currentItemStartedAt, item, now + serverClockOffset(), session.timer)?.isOver)
    : false;
  return (
    <div role="status" className="visually-hidden">
      {isOver && item ? t('facilitation.overTimeNotice', { title: item.title }) : ''}
    </div>
  );
}

function Controls({ session }: { session: Session }) {
  const { t } = useTranslation();
  const { message, report } = useActionStatus();
  const setCurrent = useSetCurrentItem(session.id);
  const patch = usePatchSession(session.id);
  const index = session.agenda.findIndex((i) => i.id === session.currentItemId);
  const previous = index > 0 ? session.agenda[index - 1] : undefined;
  const next = index >= 0 ? session.agenda[index + 1] : undefined;
  const first = session.agenda[0];
  const go = (itemId: string, title: string) =>
    runReported(setCurrent.mutateAsync, itemId, report(t('facilitation.moved', { title })));

  return (
    <div className={styles.controls}>
      <div className={styles.buttons}>
        {index < 0 && first && session.status !== 'ended' ? (
          <Button
            className={styles.light}
            isPending={setCurrent.isPending}
            onClick={() => go(first.id, first.title)}
          >
            {session.status === 'live' ? t('facilitation.resume') : t('facilitation.start')}
          </Button>
        ) : null}
        {previous ? (
          <Button
            variant="secondary"
            className={styles.onInk}
            isPending={setCurrent.isPending}
            onClick={() => go(previous.id, previous.title)}
          >
            <span aria-hidden="true">←</span> {t('facilitation.previous')}
          </Button>
        ) : null}
        {next ? (
          <Button
            className={styles.light}
            isPending={setCurrent.isPending}
            onClick={() => go(next.id, next.title)}
          >
            {t('facilitation.next')} <span aria-hidden="true">→</span>
          </Button>
        ) : null}
        {session.status === 'live' ? (
          // Ending closes the live facilitation for everyone in the room: it asks first.
          <ConfirmButton
            variant="secondary"
            className={`${styles.onInk} ${styles.end}`}
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

/** The "now / next" band: the current item, its countdown, what comes next, and the controls. */
export function FacilitationBand({ session }: { session: Session }) {
  const { t } = useTranslation();
  const index = session.agenda.findIndex((i) => i.id === session.currentItemId);
  const current = index >= 0 ? session.agenda[index] : undefined;
  const next =
    index >= 0 ? session.agenda[index + 1] : session.status !== 'ended' ? session.agenda[0] : undefined;
  if (session.agenda.length === 0 && !session.abilities.steer) return null;
  if (!current && !session.abilities.steer) return null;
  return (
    <section className={styles.band} aria-label={t('facilitation.label')}>
      <div className={styles.slots}>
        <div className={styles.slot}>
          <span className={styles.slotLabel}>{t('facilitation.now')}</span>
          {current ? (
            <>
              <span className={styles.slotTitle}>{current.title}</span>
              <ItemTimes item={current} timeZone={session.timeZone} />
            </>
          ) : (
            <span className={styles.slotEmpty}>
              {session.status === 'ended' ? t('facilitation.sessionEnded') : t('facilitation.notStarted')}
            </span>
          )}
        </div>
        {current ? <Countdown session={session} /> : null}
        <div className={`${styles.slot} ${styles.nextSlot}`}>
          <span className={styles.slotLabel}>{t('facilitation.nextLabel')}</span>
          {next ? (
            <span className={styles.slotTitle}>{next.title}</span>
          ) : (
            <span className={styles.slotEmpty}>{t('facilitation.nothingNext')}</span>
          )}
        </div>
      </div>
      <OverTimeNotice session={session} />
      {session.abilities.steer && session.agenda.length ? <Controls session={session} /> : null}
    </section>
  );
}
