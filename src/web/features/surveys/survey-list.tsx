import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SurveySummary } from '../../../contract/survey.ts';
import { Badge } from '../../components/badge.tsx';
import { ButtonLink } from '../../components/button-link.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { ShowMore } from '../../components/show-more.tsx';
import { type SurveyScope, useSurveys } from './survey-api.ts';
import styles from './surveys.module.css';

export function StateBadge({ state }: { state: SurveySummary['state'] }) {
  const { t } = useTranslation();
  const tone = state === 'open' ? 'success' : state === 'scheduled' ? 'accent' : 'neutral';
  return <Badge tone={tone}>{t(`surveys.state.${state}`)}</Badge>;
}

export function SurveyList({ surveys }: { surveys: SurveySummary[] }) {
  const { t } = useTranslation();
  return (
    <ul className={styles.list}>
      {surveys.map((survey) => (
        <li key={survey.id} className={styles.listItem}>
          <Link to={`/surveys/${encodeURIComponent(survey.id)}`} className={styles.listLink}>
            {survey.title}
          </Link>
          <span className={styles.meta}>
            <StateBadge state={survey.state} />
            {survey.anonymous ? <Badge>{t('surveys.anonymous')}</Badge> : null}
            {survey.answered ? <Badge tone="primary">{t('surveys.list.answered')}</Badge> : null}
            <span>{t('surveys.respondents', { count: survey.respondents })}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** "Questionnaires" of a circle or a community, newest first. */
export function SurveysSection({
  scope,
  canCreate,
  newPath,
}: {
  scope: SurveyScope;
  canCreate: boolean;
  newPath: string;
}) {
  const { t } = useTranslation();
  const surveys = useSurveys(scope);
  return (
    <Section
      title={t('surveys.list.title')}
      action={
        canCreate ? (
          <ButtonLink variant="secondary" to={newPath}>
            {t('surveys.list.create')}
          </ButtonLink>
        ) : undefined
      }
    >
      {surveys.isPending ? <LoadingState /> : null}
      {surveys.isError ? <ErrorState error={surveys.error} onRetry={() => void surveys.refetch()} /> : null}
      {surveys.data?.length === 0 ? <EmptyState isCompact title={t('surveys.list.empty')} /> : null}
      {surveys.data?.length ? <SurveyList surveys={surveys.data} /> : null}
      <ShowMore list={surveys} />
    </Section>
  );
}

/** The circle page's questionnaires: its members create them. */
export function CircleSurveys({ circleId, canCreate }: { circleId: string; canCreate: boolean }) {
  return (
    <SurveysSection
      scope={{ circleId }}
      canCreate={canCreate}
      newPath={`/circles/${encodeURIComponent(circleId)}/surveys/new`}
    />
  );
}

/**
 * A session's questionnaires (those that follow it), on its page; its stewards start one for its
 * participants from the "Météo de fin de séance" template in one click.
 */
export function SessionSurveys({
  circleId,
  sessionId,
  canCreate,
}: {
  circleId: string;
  sessionId: string;
  canCreate: boolean;
}) {
  const { t } = useTranslation();
  const surveys = useSurveys({ circleId });
  const ours = surveys.data?.filter((survey) => survey.sessionId === sessionId) ?? [];
  if (ours.length === 0 && !canCreate) return null;
  return (
    <Section
      title={t('surveys.list.title')}
      action={
        canCreate ? (
          <ButtonLink
            variant="secondary"
            to={`/circles/${encodeURIComponent(circleId)}/surveys/new?session=${encodeURIComponent(sessionId)}`}
          >
            {t('surveys.session.create')}
          </ButtonLink>
        ) : undefined
      }
    >
      {ours.length > 0 ? (
        <SurveyList surveys={ours} />
      ) : (
        <EmptyState isCompact title={t('surveys.session.none')} />
      )}
    </Section>
  );
}
