import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { getSurveyAccess } from './survey-access.ts';
import { remindBeforeClose, surveyReminderJob } from './survey-reminders.ts';
import { surveysRoutes } from './surveys.routes.ts';
import './surveys.tables.ts';
import { surveysTables } from './migrations/2026-12-04-0021-surveys.ts';

/** Questionnaires: evaluations of circles and sessions, their templates, results and reminders. */
export const surveysFeature: FeatureDescriptor = {
  name: 'surveys',
  routes: [{ plugin: surveysRoutes, prefix: '/api/v1' }],
  // A circle's questionnaire is lost with the circle's content; a community's with the community.
  topics: {
    survey: (db, id, viewer) =>
      getSurveyAccess(db, id, viewer).then(({ scope }) =>
        scope.kind === 'circle' ? scope.circleId : `community:${scope.communityId}`,
      ),
  },
  jobs: [surveyReminderJob],
  // The day before the closing time, those who have not answered are reminded once.
  onTick: remindBeforeClose,
  migrations: (dialect) => ({ '2026-12-04-0021-surveys': surveysTables(dialect) }),
  personColumns: [
    { table: 'surveys', column: 'created_by' },
    { table: 'survey_templates', column: 'created_by' },
    { table: 'survey_responses', column: 'user_id', keys: ['survey_id'] },
    { table: 'survey_respondents', column: 'user_id', keys: ['survey_id'] },
  ],
};
