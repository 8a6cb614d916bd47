import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Button } from '../components/button.tsx';
import { ButtonLink } from '../components/button-link.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { csvPath, useSurvey, useSurveyResults } from '../features/surveys/survey-api.ts';
import { SurveyResults } from '../features/surveys/survey-results.tsx';
import styles from '../features/surveys/surveys.module.css';
import { isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';
import { SurveyHeader } from './survey.tsx';

/** `/surveys/:id/results`: the charts with their tables, printable. */
export function SurveyResultsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const survey = useSurvey(id, Boolean(me.data));
  const results = useSurveyResults(id);
  if (survey.isPending || results.isPending) return <LoadingState />;
  if (survey.isError || results.isError) {
    const error = survey.error ?? results.error;
    if (isNotFound(error)) return <NotFoundPage />;
    return (
      <ErrorState
        error={error}
        onRetry={() => {
          void survey.refetch();
          void results.refetch();
        }}
      />
    );
  }
  return (
    <div className={styles.layout}>
      <SurveyHeader survey={survey.data} title={t('surveys.results.title')} />
      <div className={`${styles.actions} ${styles.noPrint}`}>
        <ButtonLink variant="secondary" to={`/surveys/${encodeURIComponent(id)}`}>
          {t('surveys.results.back')}
        </ButtonLink>
        {!results.data.withheld ? (
          <Button variant="secondary" onClick={() => window.print()}>
            {t('surveys.results.print')}
          </Button>
        ) : null}
        {survey.data.abilities.steer && !results.data.withheld ? (
          <a href={csvPath(id, 'semicolon')} download>
            {t('surveys.organise.csvSemicolon')}
          </a>
        ) : null}
      </div>
      <SurveyResults survey={survey.data} results={results.data} />
    </div>
  );
}
