/** What other features (and the demo data) may use of questionnaires. */
export { templateQuestions } from './surveys.commands.ts';
export { circleSurveyResults } from './surveys.queries.ts';
