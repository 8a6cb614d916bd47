import type { Kysely } from 'kysely';
import type { SurveyComparison } from '../../../contract/survey.ts';
import { abilitiesOn } from '../../../domain/policy.ts';
import { builtInTemplate, isBuiltInTemplate } from '../../../domain/survey-templates.ts';
import { toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import type { Locale } from '../../mail/mail-i18n.ts';
import { resolveCommunityStanding } from '../../policy/standing.ts';
import { circleContentVisibleTo } from '../../policy/visibility.ts';
import { parseQuestions, stateOf } from './survey-access.ts';
import { surveyResults } from './surveys.queries.ts';

/** At most this many questionnaires side by side. */
const MAX_COMPARED = 30;

/**
 * The questionnaires of a community made from one template, those the viewer may read: the
 * community's own (the caller checked membership) and those of circles whose content the viewer
 * sees, decided in the query. Each brings its results as anyone may read them (withheld ones
 * included, as withheld).
 */
export async function compareTemplate(
  db: Kysely<DB>,
  templateId: string,
  communityId: string,
  viewer: Viewer | undefined,
  locale: Locale,
): Promise<SurveyComparison> {
  const template = isBuiltInTemplate(templateId)
    ? builtInTemplate(templateId, locale)
    : await db
        .selectFrom('surveyTemplates')
        .select(['id', 'title', 'questions'])
        .where('id', '=', templateId)
        .where('communityId', '=', communityId)
        .executeTakeFirst()
        .then((row) => row && { ...row, questions: parseQuestions(row.questions) });
  if (!template) throw notFound('Template');
  const inCircles = await db
    .selectFrom('surveys as sv')
    .innerJoin('circles as ci', 'ci.id', 'sv.circleId')
    .selectAll('sv')
    .select('ci.name as circleName')
    .where('sv.templateId', '=', templateId)
    .where('sv.communityId', '=', communityId)
    .where((eb) => circleContentVisibleTo(eb, viewer, null))
    .orderBy('sv.createdAt', 'asc')
    .orderBy('sv.id', 'asc')
    .limit(MAX_COMPARED)
    .execute();
  const own = await db
    .selectFrom('surveys as sv')
    .selectAll('sv')
    .where('sv.templateId', '=', templateId)
    .where('sv.communityId', '=', communityId)
    .where('sv.circleId', 'is', null)
    .orderBy('sv.createdAt', 'asc')
    .orderBy('sv.id', 'asc')
    .limit(MAX_COMPARED)
    .execute();
  const surveys = [...own.map((s) => ({ ...s, circleName: null as string | null })), ...inCircles]
    .sort((a, b) => Date.parse(toIso(a.createdAt)) - Date.parse(toIso(b.createdAt)))
    .slice(0, MAX_COMPARED);
  // The questions every one of them still has (an edited questionnaire drops out of a question).
  const shared = template.questions.filter((q) =>
    surveys.every((s) => parseQuestions(s.questions).some((own) => own.id === q.id && own.kind === q.kind)),
  );
  const ids = new Set(shared.map((q) => q.id));
  return {
    template: { id: template.id, title: template.title },
    questions: shared,
    surveys: await Promise.all(
      surveys.map(async (survey) => {
        const results = await surveyResults(db, survey);
        return {
          id: survey.id,
          title: survey.title,
          circleName: survey.circleName,
          state: stateOf(survey),
          results: { ...results, questions: results.questions.filter((q) => ids.has(q.id)) },
        };
      }),
    ),
  };
}

/** Deletes one of a community's templates (its animators); questionnaires made from it stay. */
export async function deleteTemplate(db: Kysely<DB>, templateId: string, viewer: Viewer) {
  const row = await db
    .selectFrom('surveyTemplates')
    .select(['id', 'communityId'])
    .where('id', '=', templateId)
    .executeTakeFirst();
  if (!row) throw notFound('Template');
  const standing = await resolveCommunityStanding(db, row.communityId, viewer);
  const abilities = abilitiesOn(standing, { kind: 'communitySurvey', createdBy: null, isOpen: true });
  if (!abilities.read) throw notFound('Template');
  if (!abilities.steer) throw new AppError('FORBIDDEN', 'Only the community’s animators can do this');
  await db.deleteFrom('surveyTemplates').where('id', '=', row.id).execute();
}
