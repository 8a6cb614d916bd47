import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CircleReview } from '../../../contract/review.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { Section } from '../../components/section.tsx';
import { StateBadge } from './survey-list.tsx';
import { SurveyResults } from './survey-results.tsx';
import styles from './surveys.module.css';

/** A circle's questionnaires of the period in its review: each with its charts, or why withheld. */
export function ReviewSurveys({ surveys }: { surveys: CircleReview['surveys'] }) {
  const { t } = useTranslation();
  return (
    <Section title={t('surveys.list.title')}>
      {surveys.length === 0 ? <EmptyState isCompact title={t('surveys.review.none')} /> : null}
      {surveys.map((survey) => (
        <article key={survey.id} className={styles.reviewSurvey}>
          <h3 className={styles.resultTitle}>
            <Link to={`/surveys/${encodeURIComponent(survey.id)}/results`}>{survey.title}</Link>
          </h3>
          <p className={styles.meta}>
            <StateBadge state={survey.state} />
          </p>
          <SurveyResults survey={survey} results={survey.results} headingLevel={4} />
        </article>
      ))}
    </Section>
  );
}
