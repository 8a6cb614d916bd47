import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { SurveyComparison } from '../../contract/survey.ts';
import { Alert } from '../components/alert.tsx';
import { BarChart } from '../components/bar-chart.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { useComparison } from '../features/surveys/survey-api.ts';
import { StateBadge } from '../features/surveys/survey-list.tsx';
import { useNumberFormat } from '../features/surveys/survey-results.tsx';
import styles from '../features/surveys/surveys.module.css';
import { isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

type Compared = SurveyComparison['surveys'][number];
const nameOf = (survey: Compared) =>
  survey.circleName ? `${survey.circleName} : ${survey.title}` : survey.title;

/** One shared question across the questionnaires: the mean (or NPS, or most chosen option) of each. */
function QuestionAcross({
  question,
  surveys,
}: {
  question: SurveyComparison['questions'][number];
  surveys: Compared[];
}) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const shown = surveys.filter((s) => !s.results.withheld);
  const resultOf = (survey: Compared) => survey.results.questions.find((q) => q.id === question.id);
  const ranged = question.kind === 'scale';
  // A mean is drawn only where someone answered: no answer is not a mean of 0.
  const answered = shown.filter((survey) => (resultOf(survey)?.count ?? 0) > 0);
  return (
    <article className={styles.result}>
      <h3 className={styles.resultTitle}>{question.text}</h3>
      {ranged && answered.length === 0 ? (
        <p className={styles.muted}>{t('surveys.compare.noAnswer')}</p>
      ) : null}
      {ranged && answered.length > 0 ? (
        <BarChart
          title={t('surveys.compare.meanTitle')}
          description={question.text}
          tableCaption={t('surveys.results.tableCaption', { question: question.text })}
          labelHeader={t('surveys.compare.survey')}
          valueHeader={t('surveys.compare.mean')}
          valueFormat={number}
          max={question.max ?? 5}
          bars={answered.map((survey) => {
            const result = resultOf(survey);
            return {
              label: nameOf(survey),
              value: result?.mean ?? 0,
              note: t('surveys.results.answers', { count: result?.count ?? 0 }),
            };
          })}
        />
      ) : null}
      {!ranged ? (
        <div className={styles.tableWrap}>
          <table className={styles.compare}>
            <caption className={styles.muted}>
              {t('surveys.results.tableCaption', { question: question.text })}
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  {question.kind === 'single' || question.kind === 'multiple'
                    ? t('surveys.results.option')
                    : ''}
                </th>
                {shown.map((survey) => (
                  <th key={survey.id} scope="col">
                    {nameOf(survey)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {question.kind === 'nps' ? (
                <tr>
                  <th scope="row">{t('surveys.compare.nps')}</th>
                  {shown.map((survey) => {
                    const nps = resultOf(survey)?.nps;
                    return (
                      <td key={survey.id}>
                        {nps === null || nps === undefined ? '–' : `${nps > 0 ? '+' : ''}${nps}`}
                      </td>
                    );
                  })}
                </tr>
              ) : null}
              {question.kind === 'text' || question.kind === 'nps' ? (
                <tr>
                  <th scope="row">{t('surveys.results.count')}</th>
                  {shown.map((survey) => (
                    <td key={survey.id}>{resultOf(survey)?.count ?? 0}</td>
                  ))}
                </tr>
              ) : (
                question.options.map((option) => (
                  <tr key={option.id}>
                    <th scope="row">{option.text}</th>
                    {shown.map((survey) => (
                      <td key={survey.id}>
                        {resultOf(survey)?.options?.find((o) => o.id === option.id)?.count ?? 0}
                      </td>
                    ))}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      ) : null}
    </article>
  );
}

/** `/c/:slug/survey-templates/:id/compare`: the questionnaires made from one template, side by side. */
export function SurveyComparePage() {
  const { t } = useTranslation();
  const { slug = '', id = '' } = useParams();
  const comparison = useComparison(id, slug);
  if (comparison.isPending) return <LoadingState />;
  if (comparison.isError) {
    if (isNotFound(comparison.error)) return <NotFoundPage />;
    return <ErrorState error={comparison.error} onRetry={() => void comparison.refetch()} />;
  }
  const { template, surveys, questions } = comparison.data;
  const withheld = surveys.filter((s) => s.results.withheld);
  return (
    <div className={styles.layout}>
      <PageHeader
        title={t('surveys.compare.title', { title: template.title })}
        eyebrow={<Link to={`/c/${encodeURIComponent(slug)}/surveys`}>{t('surveys.community.title')}</Link>}
        description={t('surveys.compare.intro')}
      />
      {surveys.length === 0 ? (
        <EmptyState title={t('surveys.compare.empty')} />
      ) : (
        <>
          <Section title={t('surveys.compare.surveys')}>
            <ul className={styles.list}>
              {surveys.map((survey) => (
                <li key={survey.id} className={styles.listItem}>
                  <Link to={`/surveys/${encodeURIComponent(survey.id)}/results`} className={styles.listLink}>
                    {nameOf(survey)}
                  </Link>
                  <span className={styles.meta}>
                    <StateBadge state={survey.state} />
                    <span>{t('surveys.respondents', { count: survey.results.respondents })}</span>
                  </span>
                </li>
              ))}
            </ul>
            {withheld.length > 0 ? (
              <Alert tone="info">{t('surveys.compare.withheld', { count: withheld.length })}</Alert>
            ) : null}
          </Section>
          <Section title={t('surveys.compare.questions')}>
            <div className={styles.results}>
              {questions.map((question) => (
                <QuestionAcross key={question.id} question={question} surveys={surveys} />
              ))}
            </div>
          </Section>
        </>
      )}
    </div>
  );
}
