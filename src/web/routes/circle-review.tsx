import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Button } from '../components/button.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { TextField } from '../components/text-field.tsx';
import { DecisionView } from '../features/rex/decision-panel.tsx';
import { ReviewCharts } from '../features/rex/review-charts.tsx';
import { AttendanceTable, ReviewCounts } from '../features/rex/review-view.tsx';
import styles from '../features/rex/rex.module.css';
import { reviewMarkdownPath, useReview } from '../features/rex/rex-api.ts';
import { ReviewSurveys } from '../features/surveys/review-surveys.tsx';
import { isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

const isDay = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** A circle's review (bilan): the period picked, the counts, attendance, Markdown and print. */
export function CircleReviewPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const from = isDay(params.get('from')) ? (params.get('from') ?? '') : '';
  const to = isDay(params.get('to')) ? (params.get('to') ?? '') : '';
  const [fromDraft, setFromDraft] = useState(from);
  const [toDraft, setToDraft] = useState(to);
  const review = useReview(id, from, to);

  if (review.isPending) return <LoadingState />;
  if (review.isError) {
    if (isNotFound(review.error)) return <NotFoundPage />;
    return <ErrorState error={review.error} onRetry={() => void review.refetch()} />;
  }
  const data = review.data;
  const day = (value: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${value}T12:00:00Z`),
    );
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (isDay(fromDraft)) next.set('from', fromDraft);
    if (isDay(toDraft)) next.set('to', toDraft);
    setParams(next);
  };

  return (
    <div className={styles.layout}>
      <PageHeader
        eyebrow={<Link to={`/circles/${encodeURIComponent(data.circleId)}`}>{data.circleName}</Link>}
        title={t('rex.review.title', { circle: data.circleName })}
        documentTitle={t('rex.review.documentTitle', { circle: data.circleName })}
        description={<p>{t('rex.review.periodText', { from: day(data.from), to: day(data.to) })}</p>}
        actions={
          <>
            <a className={styles.title} href={reviewMarkdownPath(data.circleId, from, to)} download>
              {t('rex.review.markdown')}
            </a>
            <Button variant="secondary" onClick={() => window.print()}>
              {t('rex.review.print')}
            </Button>
          </>
        }
      />
      <form
        className={`${styles.row} ${styles.noPrint}`}
        onSubmit={apply}
        aria-label={t('rex.review.period')}
      >
        <TextField
          label={t('rex.review.from')}
          type="date"
          value={fromDraft || data.from}
          onChange={setFromDraft}
        />
        <TextField label={t('rex.review.to')} type="date" value={toDraft || data.to} onChange={setToDraft} />
        <div>
          <Button type="submit" variant="secondary">
            {t('rex.review.apply')}
          </Button>
        </div>
      </form>
      <div className={styles.countsBlock}>
        <ReviewCounts review={data} />
      </div>
      <Section title={t('rex.review.attendance')}>
        <AttendanceTable review={data} />
      </Section>
      <ReviewCharts review={data} />
      <ReviewSurveys surveys={data.surveys} />
      <Section title={t('rex.decision.title')}>
        <DecisionView decision={data.decision} />
      </Section>
      <details>
        <summary>{t('rex.review.definitions')}</summary>
        <p>{t('rex.review.definitionsText')}</p>
      </details>
    </div>
  );
}
