/** What other features (and the demo data) may use of questionnaires. */
export { templateQuestions } from './surveys.commands.ts';
export { circleSurveyResults, circleSurveyScores } from './surveys.queries.ts';
