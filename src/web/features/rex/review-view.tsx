import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CircleReview } from '../../../contract/review.ts';
import { formatDay, formatTime } from '../sessions/session-time.ts';
import styles from './rex.module.css';

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div className={styles.count}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** A review's counts: sessions, next steps, boards and polls (defined in contract/review.ts). */
export function ReviewCounts({ review, headingLevel = 2 }: { review: CircleReview; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = `h${headingLevel}` as const;
  const { sessions, actions } = review;
  return (
    <>
      <Heading>{t('rex.review.sessions')}</Heading>
      <p>
        {t('rex.review.held', { count: sessions.held })} ·{' '}
        {t('rex.review.planned', { count: sessions.planned })} ·{' '}
        {t('rex.review.cancelled', { count: sessions.cancelled })}
      </p>
      <Heading>{t('rex.review.actions')}</Heading>
      <dl className={styles.counts}>
        <Count label={t('rex.review.opened')} value={actions.opened} />
        <Count label={t('rex.review.done')} value={actions.done} />
        <Count label={t('rex.review.doneOnTime')} value={actions.doneOnTime} />
        <Count label={t('rex.review.dropped')} value={actions.dropped} />
        <Count label={t('rex.review.open')} value={actions.open} />
      </dl>
      <Heading>{t('rex.review.activity')}</Heading>
      <dl className={styles.counts}>
        <Count label={t('rex.review.boards')} value={review.boards} />
        <Count label={t('rex.review.polls')} value={review.polls} />
      </dl>
    </>
  );
}

/** One line per held session: who was there, excused, listed. */
export function AttendanceTable({ review }: { review: CircleReview }) {
  const { t, i18n } = useTranslation();
  if (review.attendance.length === 0) return <p className={styles.muted}>{t('rex.review.noAttendance')}</p>;
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption className="visually-hidden">{t('rex.review.attendance')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('rex.review.date')}</th>
            <th scope="col">{t('rex.review.session')}</th>
            <th scope="col" className={styles.number}>
              {t('rex.review.present')}
            </th>
            <th scope="col" className={styles.number}>
              {t('rex.review.excused')}
            </th>
            <th scope="col" className={styles.number}>
              {t('rex.review.invited')}
            </th>
          </tr>
        </thead>
        <tbody>
          {review.attendance.map((line) => (
            <tr key={line.sessionId}>
              <td>
                <time dateTime={line.startsAt}>
                  {formatDay(line.startsAt, i18n.language, line.timeZone)}{' '}
                  {formatTime(line.startsAt, i18n.language, line.timeZone)}
                </time>
              </td>
              <th scope="row">
                <Link to={`/sessions/${encodeURIComponent(line.sessionId)}`}>{line.title}</Link>
              </th>
              <td className={styles.number}>{line.present}</td>
              <td className={styles.number}>{line.excused}</td>
              <td className={styles.number}>{line.invited}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A review in a few lines, for the REX session's page where several circles sit side by side. */
export function ReviewSummary({ review }: { review: CircleReview }) {
  const { t } = useTranslation();
  const { sessions, actions } = review;
  const present = review.attendance.reduce((sum, line) => sum + line.present, 0);
  const invited = review.attendance.reduce((sum, line) => sum + line.invited, 0);
  return (
    <ul className={styles.summary}>
      <li>
        {t('rex.review.held', { count: sessions.held })} ·{' '}
        {t('rex.review.planned', { count: sessions.planned })} ·{' '}
        {t('rex.review.cancelled', { count: sessions.cancelled })}
      </li>
      {review.attendance.length > 0 ? (
        <li>{t('rex.review.attendanceSummary', { present, invited })}</li>
      ) : null}
      <li>
        {t('rex.review.summaryActions', {
          opened: actions.opened,
          done: actions.done,
          onTime: actions.doneOnTime,
          dropped: actions.dropped,
          open: actions.open,
        })}
      </li>
      <li>{t('rex.review.summaryActivity', { boards: review.boards, polls: review.polls })}</li>
    </ul>
  );
}
