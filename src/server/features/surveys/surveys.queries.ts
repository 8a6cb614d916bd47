import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type {
  SurveyDto,
  SurveyResultsDto,
  SurveySummary,
  SurveyTemplateDto,
} from '../../../contract/survey.ts';
import {
  type Answer,
  countResults,
  rangeOf,
  type SurveyQuestion,
  withheldResults,
} from '../../../domain/survey.ts';
import { builtInTemplate, builtInTemplateIds } from '../../../domain/survey-templates.ts';
import { toIso } from '../../db/columns.ts';
import { type Keyset, type PageRequest, pageQuery, toPage } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import type { Viewer } from '../../http/viewer.ts';
import type { Locale } from '../../mail/mail-i18n.ts';
import { sharingCommunities } from '../../policy/visibility.ts';
import {
  isAnonymous,
  isoOrNull,
  parseQuestions,
  type SurveyAccess,
  type SurveyRow,
  stateOf,
} from './survey-access.ts';

/** Fisher–Yates with the crypto generator: free texts of anonymous questionnaires. */
export function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

export async function countRespondents(db: Kysely<DB>, surveyId: string): Promise<number> {
  const row = await db
    .selectFrom('surveyResponses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('surveyId', '=', surveyId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function hasAnswered(db: Kysely<DB>, surveyId: string, viewer: Viewer | undefined) {
  if (!viewer) return false;
  const row = await db
    .selectFrom('surveyRespondents')
    .select('userId')
    .where('surveyId', '=', surveyId)
    .where('userId', '=', viewer.id)
    .executeTakeFirst();
  return row !== undefined;
}

function summaryOf(
  survey: SurveyRow,
  place: { communitySlug: string; circleName: string | null },
  respondents: number,
  answered: boolean,
): SurveySummary {
  return {
    id: survey.id,
    title: survey.title,
    communityId: survey.communityId,
    communitySlug: place.communitySlug,
    circleId: survey.circleId,
    circleName: place.circleName,
    sessionId: survey.sessionId,
    templateId: survey.templateId,
    anonymous: isAnonymous(survey),
    audience: survey.audience,
    opensAt: isoOrNull(survey.opensAt),
    closesAt: isoOrNull(survey.closesAt),
    closedAt: isoOrNull(survey.closedAt),
    state: stateOf(survey),
    respondents,
    answered,
    createdAt: toIso(survey.createdAt),
  };
}

/** The questionnaire as the routes answer it. */
export async function surveyDetail(
  db: Kysely<DB>,
  access: SurveyAccess,
  viewer: Viewer | undefined,
  publicUrl: string,
): Promise<SurveyDto> {
  const { survey, scope } = access;
  const session = survey.sessionId
    ? await db.selectFrom('sessions').select('title').where('id', '=', survey.sessionId).executeTakeFirst()
    : undefined;
  return {
    ...summaryOf(
      survey,
      { communitySlug: scope.communitySlug, circleName: scope.kind === 'circle' ? scope.circleName : null },
      await countRespondents(db, survey.id),
      await hasAnswered(db, survey.id, viewer),
    ),
    description: survey.description,
    sessionTitle: session?.title ?? null,
    minRespondents: survey.minRespondents,
    questions: access.questions,
    shareUrl: access.abilities.steer && survey.shareToken ? `${publicUrl}/q/${survey.shareToken}` : null,
    abilities: access.abilities,
  };
}

const surveyOrder: Keyset<{ id: string; createdAt: Date | string }> = {
  list: 'surveys',
  keys: [{ expr: 'sv.createdAt', kind: 'time', direction: 'desc' }],
  id: 'sv.id',
  of: (row) => ({ keys: [toIso(row.createdAt)], id: row.id }),
};

/** One page of a circle's or a community's own questionnaires, newest first. */
export async function listSurveys(
  db: Kysely<DB>,
  where: { circleId: string } | { communityId: string },
  place: { communitySlug: string; circleName: string | null },
  viewer: Viewer | undefined,
  page: PageRequest,
) {
  let query = db
    .selectFrom('surveys as sv')
    .selectAll('sv')
    .select((eb) => [
      eb
        .selectFrom('surveyResponses as r')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('r.surveyId', '=', 'sv.id')
        .as('respondents'),
      eb
        .selectFrom('surveyRespondents as me')
        .select('me.userId')
        .whereRef('me.surveyId', '=', 'sv.id')
        .where('me.userId', '=', viewer?.id ?? '')
        .as('answeredBy'),
    ]);
  query =
    'circleId' in where
      ? query.where('sv.circleId', '=', where.circleId)
      : query.where('sv.communityId', '=', where.communityId).where('sv.circleId', 'is', null);
  const rows = await pageQuery(query, surveyOrder, page).execute();
  const { items, nextCursor } = toPage(rows, surveyOrder, page);
  return {
    items: items.map(({ respondents, answeredBy, ...survey }) =>
      summaryOf(survey, place, Number(respondents ?? 0), answeredBy !== null && answeredBy !== undefined),
    ),
    nextCursor,
  };
}

/**
 * Every response's answers: named ones in the order they were last changed; anonymous ones have no
 * time and come in storage order (random ids), which the callers shuffle again.
 */
async function responsesOf(db: Kysely<DB>, surveyId: string) {
  const rows = await db
    .selectFrom('surveyResponses')
    .select(['answers', 'userId', 'guestName', 'updatedAt'])
    .where('surveyId', '=', surveyId)
    .orderBy('updatedAt', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map((row) => ({ ...row, answers: JSON.parse(row.answers) as Answer[] }));
}

/**
 * Each questionnaire of a circle with what the animators' dashboard adds up: its scale questions'
 * means on 0–100 of their own range, summed and counted, whether or not the results are withheld
 * now. The dashboard withholds them at reading time with the same rule (withheldResults), since
 * a questionnaire closes at its hour without any write.
 */
export async function circleSurveyScores(db: Kysely<DB>, circleId: string) {
  const surveys = await db.selectFrom('surveys').selectAll().where('circleId', '=', circleId).execute();
  return Promise.all(
    surveys.map(async (survey) => {
      const responses = await responsesOf(db, survey.id);
      const questions = parseQuestions(survey.questions);
      let scoreSum = 0;
      let scoreCount = 0;
      for (const result of countResults(
        questions,
        responses.map((r) => r.answers),
      )) {
        const question = questions.find((q) => q.id === result.id);
        if (question?.kind !== 'scale' || result.mean === null || result.mean === undefined) continue;
        const { min, max } = rangeOf(question);
        scoreSum += ((result.mean - min) / (max - min)) * 100;
        scoreCount += 1;
      }
      return {
        surveyId: survey.id,
        createdAt: toIso(survey.createdAt),
        anonymous: isAnonymous(survey),
        closesAt: isoOrNull(survey.closesAt),
        closedAt: isoOrNull(survey.closedAt),
        respondents: responses.length,
        minRespondents: survey.minRespondents,
        scoreSum,
        scoreCount,
      };
    }),
  );
}

/**
 * The results as the viewer may see them: a recount of the stored answers, or only how many
 * answered while they are withheld (an open anonymous questionnaire, or too few respondents).
 */
export async function surveyResults(db: Kysely<DB>, survey: SurveyRow): Promise<SurveyResultsDto> {
  const responses = await responsesOf(db, survey.id);
  const anonymous = isAnonymous(survey);
  const withheld = withheldResults({
    anonymous,
    isClosed: stateOf(survey) === 'closed',
    respondents: responses.length,
    minRespondents: survey.minRespondents,
  });
  return {
    respondents: responses.length,
    withheld,
    minRespondents: survey.minRespondents,
    questions: withheld
      ? []
      : countResults(
          parseQuestions(survey.questions),
          responses.map((r) => r.answers),
          anonymous ? shuffled : undefined,
        ),
  };
}

/** How one answer reads in a cell: the number, the option's text, the texts joined, the text. */
function cellOf(question: SurveyQuestion, value: Answer['value'] | undefined): string {
  if (value === undefined) return '';
  const option = (id: string) => question.options.find((o) => o.id === id)?.text ?? '';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(option).join(', ');
  return question.kind === 'single' ? option(value) : value;
}

/**
 * One row per response, one column per question. Named questionnaires start with who answered and
 * when; anonymous ones have neither, and their rows come in a random order.
 */
export async function responsesCsvRows(
  db: Kysely<DB>,
  survey: SurveyRow,
  words: { respondent: string; updatedAt: string },
) {
  const questions = parseQuestions(survey.questions);
  const anonymous = isAnonymous(survey);
  const responses = await responsesOf(db, survey.id);
  const names = new Map(
    anonymous
      ? []
      : (
          await db
            .selectFrom('users')
            .select(['id', 'name'])
            .where('id', 'in', [...responses.map((r) => r.userId ?? ''), ''])
            .execute()
        ).map((u) => [u.id, u.name]),
  );
  const header = [...(anonymous ? [] : [words.respondent, words.updatedAt]), ...questions.map((q) => q.text)];
  const rows = (anonymous ? shuffled(responses) : responses).map((response) => {
    const byQuestion = new Map(response.answers.map((a) => [a.questionId, a.value]));
    const who = anonymous
      ? []
      : [
          (response.userId ? names.get(response.userId) : response.guestName) ?? '',
          response.updatedAt ? toIso(response.updatedAt) : '',
        ];
    return [...who, ...questions.map((q) => cellOf(q, byQuestion.get(q.id)))];
  });
  return [header, ...rows];
}

/** The viewer's own answers: named questionnaires by person, anonymous ones only by receipt. */
export async function myAnswers(
  db: Kysely<DB>,
  survey: SurveyRow,
  viewer: Viewer,
  receiptHash: string | undefined,
): Promise<Answer[]> {
  let query = db.selectFrom('surveyResponses').select('answers').where('surveyId', '=', survey.id);
  if (isAnonymous(survey)) {
    if (!receiptHash || !(await hasAnswered(db, survey.id, viewer))) return [];
    query = query.where('receiptHash', '=', receiptHash);
  } else {
    query = query.where('userId', '=', viewer.id);
  }
  const row = await query.executeTakeFirst();
  return row ? (JSON.parse(row.answers) as Answer[]) : [];
}

/** The built-in templates in the viewer's language, then the community's own (for its members). */
export async function listTemplates(
  db: Kysely<DB>,
  locale: Locale,
  communityId: string | undefined,
): Promise<SurveyTemplateDto[]> {
  const builtIn = builtInTemplateIds.map((id) => ({
    ...builtInTemplate(id, locale),
    builtIn: true,
    communityId: null,
  }));
  if (!communityId) return builtIn;
  const own = await db
    .selectFrom('surveyTemplates')
    .selectAll()
    .where('communityId', 'in', sharingCommunities(db, communityId))
    .orderBy('createdAt', 'asc')
    .orderBy('id', 'asc')
    .limit(200)
    .execute();
  return [
    ...builtIn,
    ...own.map((t) => ({
      id: t.id,
      title: t.title,
      description: t.description,
      builtIn: false,
      communityId: t.communityId,
      questions: parseQuestions(t.questions),
    })),
  ];
}

/**
 * A circle's questionnaires made in a period, with their results as anyone may read them (withheld
 * ones give only their number of respondents): what a circle's review shows. The caller has
 * checked that the viewer may read the circle's content.
 */
export async function circleSurveyResults(
  db: Kysely<DB>,
  circleId: string,
  period: { from: string; to: string },
) {
  const surveys = await db
    .selectFrom('surveys')
    .selectAll()
    .where('circleId', '=', circleId)
    .where('createdAt', '>=', period.from)
    .where('createdAt', '<', period.to)
    .orderBy('createdAt', 'asc')
    .orderBy('id', 'asc')
    .limit(50)
    .execute();
  return Promise.all(
    surveys.map(async (survey) => ({
      id: survey.id,
      title: survey.title,
      templateId: survey.templateId,
      anonymous: isAnonymous(survey),
      state: stateOf(survey),
      questions: parseQuestions(survey.questions),
      results: await surveyResults(db, survey),
    })),
  );
}
