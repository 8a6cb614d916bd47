import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Circle, CircleRef, CircleRelations } from '../../../contract/circle.ts';
import { formatDate } from '../../../domain/date-format.ts';
import { Card } from '../../components/card.tsx';
import styles from './circle-cycle.module.css';

/** "12 janvier 2027": a planned day is a calendar day, read as such, not as an instant. */
export function formatPlannedDay(day: string, locale: string): string {
  return formatDate(new Date(`${day}T00:00:00Z`), locale, { dateStyle: 'long', timeZone: 'UTC' });
}

function CycleLink({ label, circle }: { label: string; circle: CircleRef }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <Link to={`/circles/${encodeURIComponent(circle.id)}`}>{circle.name}</Link>
      </dd>
    </>
  );
}

/** In the circle's aside: the cycle's planned dates and sessions, and its previous and next cycles. */
export function CircleCycleCard({
  circle,
  relations,
}: {
  circle: Circle;
  relations: CircleRelations | undefined;
}) {
  const { t, i18n } = useTranslation();
  const day = (value: string) => formatPlannedDay(value, i18n.language);
  const { startsOn, endsOn, plannedSessions } = circle;
  const previous = relations?.previousCycle ?? null;
  const next = relations?.nextCycle ?? null;
  if (!startsOn && !endsOn && plannedSessions === null && !previous && !next) return null;
  let dates: string | null = null;
  if (startsOn && endsOn) dates = t('circleCycles.card.fromTo', { start: day(startsOn), end: day(endsOn) });
  else if (startsOn) dates = t('circleCycles.card.from', { start: day(startsOn) });
  else if (endsOn) dates = t('circleCycles.card.until', { end: day(endsOn) });
  return (
    <Card isCompact>
      <h2 className={styles.title}>{t('circleCycles.card.title')}</h2>
      <dl className={styles.facts}>
        {dates ? (
          <>
            <dt>{t('circleCycles.card.dates')}</dt>
            <dd>{dates}</dd>
          </>
        ) : null}
        {plannedSessions !== null ? (
          <>
            <dt>{t('circleCycles.card.sessions')}</dt>
            <dd>{t('circleCycles.card.plannedSessions', { count: plannedSessions })}</dd>
          </>
        ) : null}
        {previous ? <CycleLink label={t('circleCycles.card.previous')} circle={previous} /> : null}
        {next ? <CycleLink label={t('circleCycles.card.next')} circle={next} /> : null}
      </dl>
    </Card>
  );
}
