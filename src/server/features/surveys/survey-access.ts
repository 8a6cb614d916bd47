import type { Kysely, Selectable } from 'kysely';
import { type Abilities, abilitiesOn } from '../../../domain/policy.ts';
import { type SurveyQuestion, type SurveyState, surveyState } from '../../../domain/survey.ts';
import { toBool, toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { abilitiesInCircle } from '../../policy/access.ts';
import { resolveCommunityStanding } from '../../policy/standing.ts';
import { getVisibleCircle } from '../circles/circles.public.ts';
import type { SurveysTable } from './surveys.tables.ts';

export type SurveyRow = Selectable<SurveysTable>;

/** Where a questionnaire lives. */
export type SurveyScope =
  | { kind: 'circle'; circleId: string; circleName: string; communityId: string; communitySlug: string }
  | { kind: 'community'; communityId: string; communitySlug: string };

export interface SurveyAccess {
  survey: SurveyRow;
  scope: SurveyScope;
  state: SurveyState;
  questions: SurveyQuestion[];
  /** read: see it and its results; takePart: answer now; steer: edit, close, remind, CSV. */
  abilities: Abilities;
}

export const surveyTopic = (surveyId: string) => `survey:${surveyId}`;

export const isoOrNull = (value: Date | string | null) => (value === null ? null : toIso(value));

export function stateOf(survey: Pick<SurveyRow, 'opensAt' | 'closesAt' | 'closedAt'>, now = Date.now()) {
  return surveyState(
    {
      opensAt: isoOrNull(survey.opensAt),
      closesAt: isoOrNull(survey.closesAt),
      closedAt: isoOrNull(survey.closedAt),
    },
    now,
  );
}

/** Whether the viewer is listed on the session a questionnaire follows (they may answer it). */
async function isListedOn(db: Kysely<DB>, sessionId: string | null, viewer: Viewer | undefined) {
  if (!sessionId || !viewer) return false;
  const row = await db
    .selectFrom('sessionParticipants')
    .select('id')
    .where('sessionId', '=', sessionId)
    .where('userId', '=', viewer.id)
    .where('status', '!=', 'excused')
    .executeTakeFirst();
  return row !== undefined;
}

/** A circle's questionnaires' scope for listing and creating: what may be said there. */
export async function surveyCircle(db: Kysely<DB>, circleId: string, viewer: Viewer | undefined) {
  const circle = await getVisibleCircle(db, circleId, viewer);
  const abilities = abilitiesInCircle(circle, viewer, {
    kind: 'circleSurvey',
    forParticipants: false,
    isListed: false,
    createdBy: null,
    isOpen: true,
  });
  // Creating one is taking part in the circle, as for its polls and boards.
  return { circle, abilities, mayCreate: abilities.read && abilitiesInCircle(circle, viewer).takePart };
}

/** A community (id or slug) if the viewer may read its questionnaires; steer: create one. */
export async function surveyCommunity(db: Kysely<DB>, idOrSlug: string, viewer: Viewer | undefined) {
  const community = await db
    .selectFrom('communities')
    .select(['id', 'slug', 'name'])
    .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
    .executeTakeFirst();
  if (!community) throw notFound('Community');
  const standing = await resolveCommunityStanding(db, community.id, viewer);
  const abilities = abilitiesOn(standing, { kind: 'communitySurvey', createdBy: null, isOpen: true });
  if (!abilities.read) throw notFound('Community');
  return { community, standing, abilities };
}

export function parseQuestions(json: string): SurveyQuestion[] {
  return JSON.parse(json) as SurveyQuestion[];
}

/** The questionnaire if the viewer may see it (404 otherwise, as if absent), with what they may do. */
export async function getSurveyAccess(
  db: Kysely<DB>,
  surveyId: string,
  viewer: Viewer | undefined,
): Promise<SurveyAccess> {
  const survey = await db.selectFrom('surveys').selectAll().where('id', '=', surveyId).executeTakeFirst();
  if (!survey) throw notFound('Questionnaire');
  const state = stateOf(survey);
  const isOpen = state === 'open';
  try {
    if (survey.circleId) {
      const circle = await getVisibleCircle(db, survey.circleId, viewer);
      const abilities = abilitiesInCircle(circle, viewer, {
        kind: 'circleSurvey',
        forParticipants: survey.audience === 'participants',
        isListed: await isListedOn(db, survey.sessionId, viewer),
        createdBy: survey.createdBy,
        isOpen,
      });
      if (!abilities.read) throw notFound('Questionnaire');
      return {
        survey,
        state,
        questions: parseQuestions(survey.questions),
        abilities,
        scope: {
          kind: 'circle',
          circleId: circle.id,
          circleName: circle.name,
          communityId: circle.communityId,
          communitySlug: circle.communitySlug,
        },
      };
    }
    const { community, standing } = await surveyCommunity(db, survey.communityId, viewer);
    return {
      survey,
      state,
      questions: parseQuestions(survey.questions),
      abilities: abilitiesOn(standing, { kind: 'communitySurvey', createdBy: survey.createdBy, isOpen }),
      scope: { kind: 'community', communityId: community.id, communitySlug: community.slug },
    };
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('Questionnaire');
    throw error;
  }
}

export async function getSteeredSurvey(db: Kysely<DB>, surveyId: string, viewer: Viewer) {
  const access = await getSurveyAccess(db, surveyId, viewer);
  if (!access.abilities.steer)
    throw new AppError('FORBIDDEN', 'Only the questionnaire’s organisers can do this');
  return access;
}

/**
 * A guest's way in: the questionnaire behind a share link (audience `link` only), whatever the
 * circle's visibility; the link is the permission. Abilities: answer while open, nothing else.
 */
export async function getSurveyByShareToken(db: Kysely<DB>, token: string): Promise<SurveyAccess> {
  const survey = await db
    .selectFrom('surveys')
    .selectAll()
    .where('shareToken', '=', token)
    .where('audience', '=', 'link')
    .executeTakeFirst();
  if (!survey) throw notFound('Questionnaire');
  const community = await db
    .selectFrom('communities')
    .select(['id', 'slug'])
    .where('id', '=', survey.communityId)
    .executeTakeFirstOrThrow();
  const circle = survey.circleId
    ? await db
        .selectFrom('circles')
        .select(['id', 'name'])
        .where('id', '=', survey.circleId)
        .executeTakeFirst()
    : undefined;
  const state = stateOf(survey);
  return {
    survey,
    state,
    questions: parseQuestions(survey.questions),
    abilities: { read: true, takePart: state === 'open', steer: false },
    scope: circle
      ? {
          kind: 'circle',
          circleId: circle.id,
          circleName: circle.name,
          communityId: community.id,
          communitySlug: community.slug,
        }
      : { kind: 'community', communityId: community.id, communitySlug: community.slug },
  };
}

export const isAnonymous = (survey: Pick<SurveyRow, 'anonymous'>) => toBool(survey.anonymous);
