import { useTranslation } from 'react-i18next';
import type { CircleReview } from '../../../contract/review.ts';
import { formatDate } from '../../../domain/date-format.ts';
import { BarChart } from '../../components/bar-chart.tsx';
import styles from './rex.module.css';

/**
 * The review drawn: presence per held session and what became of the next steps, each chart with
 * its numbers as a table beside it (components/bar-chart.tsx).
 */
export function ReviewCharts({ review }: { review: CircleReview }) {
  const { t, i18n } = useTranslation();
  const { actions } = review;
  return (
    <div className={styles.charts}>
      {review.attendance.length > 0 ? (
        <BarChart
          title={t('rex.charts.attendanceTitle')}
          description={t('rex.charts.attendanceDescription')}
          tableCaption={t('rex.charts.attendanceTitle')}
          labelHeader={t('rex.review.session')}
          valueHeader={t('rex.review.present')}
          bars={review.attendance.map((a) => ({
            label: `${formatDate(new Date(a.startsAt), i18n.language, { timeZone: a.timeZone, dateStyle: 'medium' })} · ${a.title}`,
            value: a.present,
            note: t('rex.charts.ofListed', { count: a.invited }),
          }))}
        />
      ) : null}
      {actions.opened > 0 ? (
        <BarChart
          title={t('rex.charts.actionsTitle')}
          description={t('rex.charts.actionsDescription', { count: actions.opened })}
          tableCaption={t('rex.charts.actionsTitle')}
          labelHeader={t('rex.charts.outcome')}
          valueHeader={t('rex.charts.steps')}
          max={actions.opened}
          bars={[
            { label: t('rex.review.done'), value: actions.done },
            { label: t('rex.review.doneOnTime'), value: actions.doneOnTime },
            { label: t('rex.review.dropped'), value: actions.dropped },
            { label: t('rex.review.open'), value: actions.open },
          ]}
        />
      ) : null}
    </div>
  );
}
