import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { type Kysely, PostgresAdapter } from 'kysely';
import type { QuestionInput, SurveyCreate, SurveyPatch } from '../../../contract/survey.ts';
import { type Answer, checkAnswers, type SurveyQuestion } from '../../../domain/survey.ts';
import { builtInTemplate, isBuiltInTemplate } from '../../../domain/survey-templates.ts';
import { toIso } from '../../db/columns.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Locale } from '../../mail/mail-i18n.ts';
import { sharingCommunities } from '../../policy/visibility.ts';
import { hashReceipt, newReceipt } from '../polls/polls.public.ts';
import { isAnonymous, isoOrNull, parseQuestions, type SurveyAccess, stateOf } from './survey-access.ts';

const ROWS_PER_INSERT = 200;

/** Gives written questions their ids (`q-…`) and their options theirs (`<question>-<n>`). */
export function questionsFrom(inputs: readonly QuestionInput[]): SurveyQuestion[] {
  return inputs.map((q) => {
    const id = `q-${randomUUID().slice(0, 8)}`;
    return {
      id,
      kind: q.kind,
      text: q.text,
      section: q.section ?? null,
      required: q.required,
      options: (q.options ?? []).map((text, i) => ({ id: `${id}-${i + 1}`, text })),
      min: q.kind === 'scale' ? (q.min ?? 1) : q.kind === 'nps' ? 0 : null,
      max: q.kind === 'scale' ? (q.max ?? 5) : q.kind === 'nps' ? 10 : null,
      minLabel: q.minLabel ?? null,
      maxLabel: q.maxLabel ?? null,
    };
  });
}

/**
 * A template's questions: a built-in one in the author's language, or one of the community's own (or,
 * in a territorial branch, of its parent's).
 */
export async function templateQuestions(
  db: Kysely<DB>,
  templateId: string,
  communityId: string,
  locale: Locale,
) {
  if (isBuiltInTemplate(templateId)) return builtInTemplate(templateId, locale);
  const row = await db
    .selectFrom('surveyTemplates')
    .selectAll()
    .where('id', '=', templateId)
    .where('communityId', 'in', sharingCommunities(db, communityId))
    .executeTakeFirst();
  if (!row) {
    throw new AppError('INVALID_INPUT', 'No such template in this community', [
      { path: ['body', 'templateId'], message: 'not a template of this community' },
    ]);
  }
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    questions: parseQuestions(row.questions),
  };
}

export interface SurveyPlace {
  communityId: string;
  circleId: string | null;
}

export async function createSurvey(
  db: Kysely<DB>,
  place: SurveyPlace,
  creatorId: string,
  input: SurveyCreate,
  locale: Locale,
): Promise<string> {
  if (input.sessionId !== undefined) {
    const session = place.circleId
      ? await db
          .selectFrom('sessions')
          .select('id')
          .where('id', '=', input.sessionId)
          .where('circleId', '=', place.circleId)
          .executeTakeFirst()
      : undefined;
    if (!session) {
      throw new AppError('INVALID_INPUT', 'The session must be one of this circle', [
        { path: ['body', 'sessionId'], message: 'not a session of this circle' },
      ]);
    }
  }
  const template = input.templateId
    ? await templateQuestions(db, input.templateId, place.communityId, locale)
    : undefined;
  const questions = input.questions ? questionsFrom(input.questions) : (template?.questions ?? []);
  const id = randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto('surveys')
    .values({
      id,
      communityId: place.communityId,
      circleId: place.circleId,
      sessionId: input.sessionId ?? null,
      title: input.title,
      description: input.description ?? template?.description ?? '',
      templateId: template?.id ?? null,
      anonymous: input.anonymous,
      audience: input.audience,
      minRespondents: input.minRespondents,
      questions: JSON.stringify(questions),
      shareToken: input.audience === 'link' ? randomBytes(24).toString('base64url') : null,
      opensAt: input.opensAt ? new Date(input.opensAt).toISOString() : null,
      closesAt: input.closesAt ? new Date(input.closesAt).toISOString() : null,
      closedAt: null,
      createdBy: creatorId,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

/** Serialises answers to, edits and the closing of one questionnaire. */
async function lockSurvey(trx: Kysely<DB>, surveyId: string) {
  let query = trx.selectFrom('surveys').selectAll().where('id', '=', surveyId);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  const survey = await query.executeTakeFirst();
  if (!survey) throw notFound('Questionnaire');
  return survey;
}

const countResponses = async (db: Kysely<DB>, surveyId: string) =>
  Number(
    (
      await db
        .selectFrom('surveyResponses')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('surveyId', '=', surveyId)
        .executeTakeFirstOrThrow()
    ).n,
  );

export async function patchSurvey(db: Kysely<DB>, surveyId: string, patch: SurveyPatch) {
  await db.transaction().execute(async (trx) => {
    const stored = await lockSurvey(trx, surveyId);
    const responses = await countResponses(trx, surveyId);
    if (patch.questions && responses > 0) {
      throw new AppError('CONFLICT', 'Questions cannot change once someone has answered');
    }
    // Reopened, an anonymous questionnaire's results could be read at two closes and compared:
    // the difference would be the answers of whoever answered in between.
    const movesDates = patch.opensAt !== undefined || patch.closesAt !== undefined;
    if (movesDates && isAnonymous(stored) && stateOf(stored) === 'closed' && responses > 0) {
      throw new AppError('CONFLICT', 'An anonymous questionnaire with answers stays closed');
    }
    const opensAt = patch.opensAt === undefined ? isoOrNull(stored.opensAt) : patch.opensAt;
    const closesAt = patch.closesAt === undefined ? isoOrNull(stored.closesAt) : patch.closesAt;
    if (opensAt && closesAt && Date.parse(closesAt) <= Date.parse(opensAt)) {
      throw new AppError('INVALID_INPUT', 'A questionnaire must close after it opens', [
        { path: ['body', 'closesAt'], message: 'must be after it opens' },
      ]);
    }
    await trx
      .updateTable('surveys')
      .set({
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.description !== undefined && { description: patch.description }),
        ...(patch.opensAt !== undefined && {
          opensAt: patch.opensAt && new Date(patch.opensAt).toISOString(),
        }),
        ...(patch.closesAt !== undefined && {
          closesAt: patch.closesAt && new Date(patch.closesAt).toISOString(),
          // Setting a closing date again reopens a questionnaire closed by hand.
          closedAt: null,
        }),
        ...(patch.minRespondents !== undefined && { minRespondents: patch.minRespondents }),
        ...(patch.questions && {
          questions: JSON.stringify(questionsFrom(patch.questions)),
          templateId: null,
        }),
        updatedAt: new Date().toISOString(),
      })
      .where('id', '=', surveyId)
      .execute();
  });
}

export async function closeSurvey(db: Kysely<DB>, surveyId: string) {
  await db.transaction().execute(async (trx) => {
    const stored = await lockSurvey(trx, surveyId);
    if (stateOf(stored) === 'closed') throw new AppError('CONFLICT', 'This questionnaire is already closed');
    const now = new Date().toISOString();
    await trx
      .updateTable('surveys')
      .set({ closedAt: now, updatedAt: now })
      .where('id', '=', surveyId)
      .execute();
  });
}

/** Answers are taken only while the questionnaire is open (409 before it opens and once closed). */
function requireOpen(survey: Parameters<typeof stateOf>[0]) {
  const state = stateOf(survey);
  if (state === 'closed') throw new AppError('CONFLICT', 'This questionnaire is closed');
  if (state === 'scheduled') throw new AppError('CONFLICT', 'This questionnaire is not open yet');
}

/** Checks the answers against the questions: 400 with each problem at its place in the body. */
function checked(questions: SurveyQuestion[], answers: readonly Answer[]): Answer[] {
  const { answers: kept, problems } = checkAnswers(questions, answers);
  if (problems.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      'Some answers do not fit their questions',
      problems.map((p) => ({
        path: p.index === undefined ? ['body', 'answers'] : ['body', 'answers', p.index, 'value'],
        message: `${p.questionId}: ${p.message}`,
      })),
    );
  }
  return kept;
}

export type RespondOutcome = { answers: Answer[]; receipt: string | null; respondents: number };

/**
 * A member's answers. Named: one row per person, replaced. Anonymous: the first answers mark the
 * person in survey_respondents and store the answers apart under the hash of a fresh receipt; a
 * change must bring the receipt back (the server cannot find a person's answers, by design).
 */
export async function respond(
  db: Kysely<DB>,
  access: SurveyAccess,
  userId: string,
  answers: readonly Answer[],
  receipt: string | undefined,
): Promise<RespondOutcome> {
  return db.transaction().execute(async (trx) => {
    const survey = await lockSurvey(trx, access.survey.id);
    requireOpen(survey);
    const kept = checked(parseQuestions(survey.questions), answers);
    const content = JSON.stringify(kept);
    let given: string | null = null;
    if (!isAnonymous(survey)) {
      await trx
        .insertInto('surveyResponses')
        .values({
          id: randomUUID(),
          surveyId: survey.id,
          userId,
          guestName: null,
          receiptHash: null,
          answers: content,
          updatedAt: new Date().toISOString(),
        })
        .onConflict((oc) =>
          oc.columns(['surveyId', 'userId']).doUpdateSet((eb) => ({
            answers: eb.ref('excluded.answers'),
            updatedAt: eb.ref('excluded.updatedAt'),
          })),
        )
        .execute();
      await markRespondent(trx, survey.id, userId);
    } else if (receipt) {
      const answered = await trx
        .selectFrom('surveyRespondents')
        .select('userId')
        .where('surveyId', '=', survey.id)
        .where('userId', '=', userId)
        .executeTakeFirst();
      const changed = answered
        ? await trx
            .updateTable('surveyResponses')
            .set({ answers: content })
            .where('surveyId', '=', survey.id)
            .where('receiptHash', '=', hashReceipt(receipt))
            .executeTakeFirst()
        : { numUpdatedRows: 0n };
      if (Number(changed.numUpdatedRows) !== 1) {
        throw new AppError('FORBIDDEN', 'This receipt does not match answers to this questionnaire');
      }
      given = receipt;
    } else {
      if (!(await markRespondent(trx, survey.id, userId))) {
        throw new AppError('CONFLICT', 'You have already answered: change your answers with your receipt');
      }
      given = newReceipt();
      await insertAnonymous(trx, survey.id, hashReceipt(given), content);
    }
    return { answers: kept, receipt: given, respondents: await countResponses(trx, survey.id) };
  });
}

async function markRespondent(trx: Kysely<DB>, surveyId: string, userId: string): Promise<boolean> {
  const result = await trx
    .insertInto('surveyRespondents')
    .values({ surveyId, userId })
    .onConflict((oc) => oc.columns(['surveyId', 'userId']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

async function insertAnonymous(trx: Kysely<DB>, surveyId: string, receiptHash: string, content: string) {
  await trx
    .insertInto('surveyResponses')
    .values({
      id: randomUUID(),
      surveyId,
      userId: null,
      guestName: null,
      receiptHash,
      answers: content,
      updatedAt: null,
    })
    .execute();
  await reshuffle(trx, surveyId);
}

/**
 * PostgreSQL stamps every row with the transaction that wrote it (xmin) and keeps rows in the
 * order they were written (ctid), both readable by a plain SELECT: a respondent's mark and their
 * answers would share one. After each anonymous answer, the questionnaire's responses are written
 * again in this transaction, in a random order with new ids, so none points at a respondent.
 * SQLite keeps neither (WITHOUT ROWID tables ordered by random ids). Same reasoning as anonymous
 * polls (decision 028).
 */
async function reshuffle(trx: Kysely<DB>, surveyId: string) {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  const rows = await trx
    .deleteFrom('surveyResponses')
    .where('surveyId', '=', surveyId)
    .returningAll()
    .execute();
  const shuffled = rows
    .map((row) => ({
      row: { ...row, id: randomUUID(), updatedAt: row.updatedAt === null ? null : toIso(row.updatedAt) },
      key: randomInt(2 ** 47),
    }))
    .sort((a, b) => a.key - b.key)
    .map(({ row }) => row);
  for (let start = 0; start < shuffled.length; start += ROWS_PER_INSERT) {
    await trx
      .insertInto('surveyResponses')
      .values(shuffled.slice(start, start + ROWS_PER_INSERT))
      .execute();
  }
}

/** A guest's first answers through the share link: the edit token is their private link. */
export async function respondAsGuest(
  db: Kysely<DB>,
  access: SurveyAccess,
  input: { name?: string | undefined; answers: readonly Answer[] },
): Promise<{ editToken: string; answers: Answer[]; respondents: number }> {
  return db.transaction().execute(async (trx) => {
    const survey = await lockSurvey(trx, access.survey.id);
    requireOpen(survey);
    const kept = checked(parseQuestions(survey.questions), input.answers);
    const editToken = newReceipt();
    if (isAnonymous(survey)) {
      await insertAnonymous(trx, survey.id, hashReceipt(editToken), JSON.stringify(kept));
    } else {
      await trx
        .insertInto('surveyResponses')
        .values({
          id: randomUUID(),
          surveyId: survey.id,
          userId: null,
          guestName: input.name ?? null,
          receiptHash: hashReceipt(editToken),
          answers: JSON.stringify(kept),
          updatedAt: new Date().toISOString(),
        })
        .execute();
    }
    return { editToken, answers: kept, respondents: await countResponses(trx, survey.id) };
  });
}

/** A guest's response by its edit token, or 404: the token is the only way to it. */
export async function findGuestResponse(db: Kysely<DB>, surveyId: string, editToken: string) {
  const row = await db
    .selectFrom('surveyResponses')
    .select(['id', 'answers'])
    .where('surveyId', '=', surveyId)
    .where('receiptHash', '=', hashReceipt(editToken))
    .where('userId', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound('Response');
  return { id: row.id, answers: JSON.parse(row.answers) as Answer[] };
}

export async function changeGuestResponse(
  db: Kysely<DB>,
  surveyId: string,
  editToken: string,
  answers: readonly Answer[],
): Promise<{ answers: Answer[]; respondents: number }> {
  return db.transaction().execute(async (trx) => {
    const survey = await lockSurvey(trx, surveyId);
    await findGuestResponse(trx, surveyId, editToken);
    requireOpen(survey);
    const kept = checked(parseQuestions(survey.questions), answers);
    await trx
      .updateTable('surveyResponses')
      .set({
        answers: JSON.stringify(kept),
        ...(!isAnonymous(survey) && { updatedAt: new Date().toISOString() }),
      })
      .where('surveyId', '=', surveyId)
      .where('receiptHash', '=', hashReceipt(editToken))
      .execute();
    return { answers: kept, respondents: await countResponses(trx, surveyId) };
  });
}

/** Keeps a questionnaire's questions as one of its community's templates. */
export async function saveAsTemplate(
  db: Kysely<DB>,
  access: SurveyAccess,
  creatorId: string,
  input: { title?: string | undefined; description?: string | undefined },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('surveyTemplates')
    .values({
      id,
      communityId: access.scope.communityId,
      title: input.title ?? access.survey.title,
      description: input.description ?? access.survey.description,
      questions: access.survey.questions,
      createdBy: creatorId,
      createdAt: new Date().toISOString(),
    })
    .execute();
  return id;
}
