import { useTranslation } from 'react-i18next';
import type { AgendaItem, Session } from '../../../contract/session.ts';
import { Badge } from '../../components/badge.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { LinkedText } from '../../components/markdown-text.tsx';
import styles from './agenda-view.module.css';
import { AgendaItemLinks } from './meeting/meeting-parts.tsx';
import { formatTime, minutesBetween } from './session-time.ts';

/** "[12:00 > 12:10]", in the session's own time zone, as the agendas of the circles write it. */
export function ItemTimes({
  item,
  timeZone,
}: {
  item: Pick<AgendaItem, 'startsAt' | 'endsAt'>;
  timeZone: string;
}) {
  const { t, i18n } = useTranslation();
  if (!item.startsAt || !item.endsAt) return null;
  const start = formatTime(item.startsAt, i18n.language, timeZone);
  const end = formatTime(item.endsAt, i18n.language, timeZone);
  return (
    <span className={styles.times}>
      <span aria-hidden="true">
        [{start} &gt; {end}]
      </span>
      <span className="visually-hidden">{t('agenda.timesSpoken', { start, end })}</span>
    </span>
  );
}

/** Planned minutes of the agenda against the session's length. */
export function AgendaTotals({
  session,
  items,
}: {
  session: Pick<Session, 'startsAt' | 'endsAt'>;
  items: { startsAt: string | null; endsAt: string | null }[];
}) {
  const { t } = useTranslation();
  const planned = items.reduce((sum, item) => sum + minutesBetween(item.startsAt, item.endsAt), 0);
  const length = minutesBetween(session.startsAt, session.endsAt);
  const isOver = planned > length;
  return (
    <p className={`${styles.totals} ${isOver ? styles.totalsOver : ''}`}>
      {t('agenda.totals', { planned, length })}
      {isOver ? ` ${t('agenda.totalsOver', { count: planned - length })}` : null}
    </p>
  );
}

export interface AgendaViewProps {
  session: Session;
}

/** The ordre du jour: time-boxed items with their sub-items; the current one stands out. */
export function AgendaView({ session }: AgendaViewProps) {
  const { t } = useTranslation();
  if (session.agenda.length === 0) {
    return (
      <EmptyState
        isCompact
        title={session.abilities.steer ? t('agenda.emptyFacilitator') : t('agenda.empty')}
      />
    );
  }
  return (
    <>
      <AgendaTotals session={session} items={session.agenda} />
      <ol className={styles.list}>
        {session.agenda.map((item) => {
          const isCurrent = item.id === session.currentItemId;
          return (
            <li
              key={item.id}
              className={`${styles.item} ${isCurrent ? styles.current : ''}`}
              aria-current={isCurrent ? 'step' : undefined}
            >
              <div className={styles.head}>
                <ItemTimes item={item} timeZone={session.timeZone} />
                <span className={styles.title}>
                  <LinkedText text={item.title} />
                </span>
                {item.kind ? <Badge>{t(`agenda.kind.${item.kind}`)}</Badge> : null}
                {isCurrent ? <Badge tone="accent">{t('agenda.now')}</Badge> : null}
              </div>
              {item.notes ? (
                <p className={styles.notes}>
                  <LinkedText text={item.notes} />
                </p>
              ) : null}
              <AgendaItemLinks session={session} itemId={item.id} />
              {item.children.length ? (
                <ul className={styles.children}>
                  {item.children.map((child) => (
                    <li key={child.id}>
                      {child.startsAt && child.endsAt ? (
                        <ItemTimes item={child} timeZone={session.timeZone} />
                      ) : null}{' '}
                      <LinkedText text={child.title} />
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>
    </>
  );
}
