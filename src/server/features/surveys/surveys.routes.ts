import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import { listOf, pageOf, pageQuerySchema } from '../../../contract/list.ts';
import {
  guestResponseCreateSchema,
  guestResponseReadSchema,
  guestResponseSchema,
  myResponseSchema,
  responsePutSchema,
  surveyComparisonSchema,
  surveyCreateSchema,
  surveyPatchSchema,
  surveyResultsSchema,
  surveySchema,
  surveySummarySchema,
  surveyTemplateCreateSchema,
  surveyTemplateSchema,
} from '../../../contract/survey.ts';
import { neutraliseFormula } from '../../../domain/poll.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import { requestLocale } from '../../http/request-locale.ts';
import type { Viewer } from '../../http/viewer.ts';
import { hashReceipt } from '../polls/polls.public.ts';
import {
  getSteeredSurvey,
  getSurveyAccess,
  getSurveyByShareToken,
  type SurveyAccess,
  surveyCircle,
  surveyCommunity,
  surveyTopic,
} from './survey-access.ts';
import { compareTemplate, deleteTemplate } from './survey-comparison.ts';
import { enqueueReminders } from './survey-reminders.ts';
import {
  changeGuestResponse,
  closeSurvey,
  createSurvey,
  findGuestResponse,
  patchSurvey,
  respond,
  respondAsGuest,
  saveAsTemplate,
} from './surveys.commands.ts';
import {
  listSurveys,
  listTemplates,
  myAnswers,
  responsesCsvRows,
  surveyDetail,
  surveyResults,
} from './surveys.queries.ts';

const tags = ['surveys'];
const idParams = z.object({ id: z.string().max(100) });
const slugParams = z.object({ slug: z.string().max(100) });
const tokenParams = z.object({ token: z.string().max(200) });
const guestParams = z.object({ id: z.string().max(100), editToken: z.string().max(200) });
const receiptHeaders = z.object({ 'response-receipt': z.string().max(200).optional() });
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};

const csvWords = {
  fr: { respondent: 'Répondant·e', updatedAt: 'Répondu le' },
  en: { respondent: 'Respondent', updatedAt: 'Answered at' },
} as const;

export function surveysRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live } = ctx;
  const publicUrl = ctx.env.PUBLIC_URL;
  const detail = (access: SurveyAccess, viewer: Viewer | undefined) =>
    surveyDetail(db, access, viewer, publicUrl);
  const reread = async (id: string, viewer: Viewer | undefined) =>
    detail(await getSurveyAccess(db, id, viewer), viewer);
  const responded = (surveyId: string, respondents: number) =>
    live.publish(surveyTopic(surveyId), { type: 'survey.responded', surveyId, respondents });

  return async (app) => {
    app.post(
      '/circles/:id/surveys',
      {
        schema: {
          tags,
          summary: 'Create a questionnaire in a circle (its members), from a template or with questions',
          params: idParams,
          body: surveyCreateSchema,
          response: { 201: surveySchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { circle, abilities, mayCreate } = await surveyCircle(db, request.params.id, viewer);
        if (!abilities.read) throw new AppError('NOT_FOUND', 'Circle not found');
        if (!mayCreate) throw new AppError('FORBIDDEN', 'Only the circle’s members can ask it questions');
        const id = await createSurvey(
          db,
          { communityId: circle.communityId, circleId: circle.id },
          viewer.id,
          request.body,
          requestLocale(request),
        );
        return reply.status(201).send(await reread(id, viewer));
      },
    );

    app.get(
      '/circles/:id/surveys',
      {
        schema: {
          tags,
          summary: 'Questionnaires of a circle, newest first',
          params: idParams,
          querystring: pageQuerySchema,
          response: { 200: pageOf(surveySummarySchema), 400: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const { circle, abilities } = await surveyCircle(db, request.params.id, viewer);
        // Waitlisted people and requesters see a private circle, not what it asks.
        if (!abilities.read) return { items: [], nextCursor: null };
        return listSurveys(
          db,
          { circleId: circle.id },
          { communitySlug: circle.communitySlug, circleName: circle.name },
          viewer,
          { ...request.query, scope: circle.id },
        );
      },
    );

    app.post(
      '/communities/:slug/surveys',
      {
        schema: {
          tags,
          summary: 'Create a questionnaire for a whole community (animators)',
          params: slugParams,
          body: surveyCreateSchema,
          response: { 201: surveySchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { community, abilities } = await surveyCommunity(db, request.params.slug, viewer);
        if (!abilities.steer) throw new AppError('FORBIDDEN', 'Only the community’s animators can do this');
        if (request.body.audience === 'participants') {
          throw new AppError('INVALID_INPUT', 'A community questionnaire has no session', [
            { path: ['body', 'audience'], message: 'members or link' },
          ]);
        }
        const id = await createSurvey(
          db,
          { communityId: community.id, circleId: null },
          viewer.id,
          request.body,
          requestLocale(request),
        );
        return reply.status(201).send(await reread(id, viewer));
      },
    );

    app.get(
      '/communities/:slug/surveys',
      {
        schema: {
          tags,
          summary: 'Questionnaires of a whole community (not those of its circles), newest first',
          params: slugParams,
          querystring: pageQuerySchema,
          response: { 200: pageOf(surveySummarySchema), 400: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const { community } = await surveyCommunity(db, request.params.slug, viewer);
        return listSurveys(
          db,
          { communityId: community.id },
          { communitySlug: community.slug, circleName: null },
          viewer,
          { ...request.query, scope: community.id },
        );
      },
    );

    app.get(
      '/surveys/:id',
      {
        schema: {
          tags,
          summary: 'A questionnaire with its questions',
          params: idParams,
          response: { 200: surveySchema, 404: errorBodySchema },
        },
      },
      async (request) => reread(request.params.id, await viewers.find(request)),
    );

    app.patch(
      '/surveys/:id',
      {
        schema: {
          tags,
          summary: 'Edit a questionnaire: title, dates, threshold; its questions until someone answers',
          params: idParams,
          body: surveyPatchSchema,
          response: { 200: surveySchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { survey } = await getSteeredSurvey(db, request.params.id, viewer);
        await patchSurvey(db, survey.id, request.body);
        live.publish(surveyTopic(survey.id), { type: 'survey.updated', surveyId: survey.id });
        return reread(survey.id, viewer);
      },
    );

    app.delete(
      '/surveys/:id',
      {
        schema: {
          tags,
          summary: 'Delete a questionnaire and its responses',
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { survey } = await getSteeredSurvey(db, request.params.id, viewer);
        await db.deleteFrom('surveys').where('id', '=', survey.id).execute();
        live.publish(surveyTopic(survey.id), { type: 'survey.updated', surveyId: survey.id });
        ctx.revocations.closeTopic(surveyTopic(survey.id));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/surveys/:id/close',
      {
        schema: {
          tags,
          summary: 'Close a questionnaire now: no more answers',
          params: idParams,
          response: { 200: surveySchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { survey } = await getSteeredSurvey(db, request.params.id, viewer);
        await closeSurvey(db, survey.id);
        live.publish(surveyTopic(survey.id), { type: 'survey.updated', surveyId: survey.id });
        return reread(survey.id, viewer);
      },
    );

    app.post(
      '/surveys/:id/remind',
      {
        schema: {
          tags,
          summary:
            'Mail a reminder to those asked who have not answered (from "has answered", never from answers); once a day at most',
          params: idParams,
          response: { 200: z.object({ reminded: z.number().int() }), ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { survey, state } = await getSteeredSurvey(db, request.params.id, viewer);
        if (state !== 'open') throw new AppError('CONFLICT', 'Only an open questionnaire can be reminded of');
        const today = new Date().toISOString().slice(0, 10);
        const reminded = await db.transaction().execute((trx) => enqueueReminders(trx, survey, today));
        return { reminded };
      },
    );

    app.get(
      '/surveys/:id/responses/me',
      {
        schema: {
          tags,
          summary:
            'My answers (anonymous questionnaires: only with the receipt in the Response-Receipt header)',
          params: idParams,
          headers: receiptHeaders,
          response: { 200: myResponseSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { survey } = await getSurveyAccess(db, request.params.id, viewer);
        const receipt = request.headers['response-receipt'];
        const answers = await myAnswers(db, survey, viewer, receipt ? hashReceipt(receipt) : undefined);
        return { answers, receipt: answers.length > 0 ? (receipt ?? null) : null };
      },
    );

    app.put(
      '/surveys/:id/responses/me',
      {
        schema: {
          tags,
          summary:
            'Answer, or change my answers while it is open. Anonymous: the first answers return a receipt; send it back in the Response-Receipt header to change them',
          params: idParams,
          headers: receiptHeaders,
          body: responsePutSchema,
          response: { 200: myResponseSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const access = await getSurveyAccess(db, request.params.id, viewer);
        // The questionnaire's moment first (409), then whether the viewer is among those asked (403).
        if (access.state === 'closed') throw new AppError('CONFLICT', 'This questionnaire is closed');
        if (access.state === 'scheduled')
          throw new AppError('CONFLICT', 'This questionnaire is not open yet');
        if (!access.abilities.takePart) {
          throw new AppError('FORBIDDEN', 'This questionnaire is for other people');
        }
        const outcome = await respond(
          db,
          access,
          viewer.id,
          request.body.answers,
          request.headers['response-receipt'],
        );
        responded(access.survey.id, outcome.respondents);
        return { answers: outcome.answers, receipt: outcome.receipt };
      },
    );

    app.get(
      '/surveys/:id/results',
      {
        schema: {
          tags,
          summary:
            'Results recounted from the answers; an anonymous questionnaire gives only its number of respondents until it is closed and has enough of them',
          params: idParams,
          response: { 200: surveyResultsSchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const { survey } = await getSurveyAccess(db, request.params.id, await viewers.find(request));
        return surveyResults(db, survey);
      },
    );

    app.get(
      '/surveys/:id/results.csv',
      {
        schema: {
          tags,
          summary:
            'One row per response (organisers); cells a spreadsheet would run as formulas are neutralised; `separator=semicolon` for spreadsheets set to French',
          params: idParams,
          querystring: z.object({ separator: z.enum(['comma', 'semicolon']).default('comma') }),
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { survey } = await getSteeredSurvey(db, request.params.id, viewer);
        const results = await surveyResults(db, survey);
        if (results.withheld) {
          throw new AppError(
            'CONFLICT',
            'The responses are withheld until the questionnaire is closed and has enough respondents',
            {
              withheld: results.withheld,
            },
          );
        }
        const rows = await responsesCsvRows(db, survey, csvWords[requestLocale(request)]);
        const csv = stringify(
          rows.map((row) => row.map(neutraliseFormula)),
          { delimiter: request.query.separator === 'semicolon' ? ';' : ',', bom: true },
        );
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="reponses-${survey.id.slice(0, 8)}.csv"`)
          .send(csv);
      },
    );

    app.get(
      '/survey-links/:token',
      {
        schema: {
          tags,
          summary: 'The questionnaire behind a share link, for a guest to answer (no account)',
          params: tokenParams,
          response: { 200: surveySchema, 404: errorBodySchema },
        },
      },
      async (request) => detail(await getSurveyByShareToken(db, request.params.token), undefined),
    );

    app.post(
      '/surveys/:id/guest-responses',
      {
        schema: {
          tags,
          summary:
            'A guest answers through the share link (its token in the body); returns the private edit token and link',
          params: idParams,
          body: guestResponseCreateSchema,
          response: { 201: guestResponseSchema, ...errors },
        },
      },
      async (request, reply) => {
        const access = await getSurveyByShareToken(db, request.body.token);
        if (access.survey.id !== request.params.id)
          throw new AppError('NOT_FOUND', 'Questionnaire not found');
        const outcome = await respondAsGuest(db, access, request.body);
        responded(access.survey.id, outcome.respondents);
        return reply.status(201).send({
          editToken: outcome.editToken,
          editUrl: `${publicUrl}/surveys/${access.survey.id}/guest/${outcome.editToken}`,
          answers: outcome.answers,
        });
      },
    );

    app.get(
      '/surveys/:id/guest-responses/:editToken',
      {
        schema: {
          tags,
          summary: 'A guest’s answers, by the private edit token only',
          params: guestParams,
          response: { 200: guestResponseReadSchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const found = await findGuestResponse(db, request.params.id, request.params.editToken);
        const survey = await db
          .selectFrom('surveys')
          .select('shareToken')
          .where('id', '=', request.params.id)
          .executeTakeFirst();
        const access = await getSurveyByShareToken(db, survey?.shareToken ?? '');
        return { survey: await detail(access, undefined), answers: found.answers };
      },
    );

    app.put(
      '/surveys/:id/guest-responses/:editToken',
      {
        schema: {
          tags,
          summary: 'A guest changes their answers while the questionnaire is open, by the private edit token',
          params: guestParams,
          body: responsePutSchema,
          response: { 200: z.object({ answers: myResponseSchema.shape.answers }), ...errors },
        },
      },
      async (request) => {
        const outcome = await changeGuestResponse(
          db,
          request.params.id,
          request.params.editToken,
          request.body.answers,
        );
        responded(request.params.id, outcome.respondents);
        return { answers: outcome.answers };
      },
    );

    app.get(
      '/survey-templates',
      {
        schema: {
          tags,
          summary: 'Questionnaire templates: the built-in ones, and with `community` that community’s own',
          querystring: z.object({ community: z.string().max(100).optional() }),
          response: { 200: listOf(surveyTemplateSchema), 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const community = request.query.community
          ? (await surveyCommunity(db, request.query.community, viewer)).community
          : undefined;
        return { items: await listTemplates(db, requestLocale(request), community?.id) };
      },
    );

    app.post(
      '/surveys/:id/template',
      {
        schema: {
          tags,
          summary: 'Keep a questionnaire’s questions as a template of its community (organisers)',
          params: idParams,
          body: surveyTemplateCreateSchema,
          response: { 201: surveyTemplateSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const access = await getSteeredSurvey(db, request.params.id, viewer);
        const id = await saveAsTemplate(db, access, viewer.id, request.body);
        const items = await listTemplates(db, requestLocale(request), access.scope.communityId);
        const template = items.find((t) => t.id === id);
        if (!template) throw new AppError('NOT_FOUND', 'Template not found');
        return reply.status(201).send(template);
      },
    );

    app.delete(
      '/survey-templates/:id',
      {
        schema: {
          tags,
          summary: 'Delete one of a community’s templates (animators); questionnaires made from it stay',
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await deleteTemplate(db, request.params.id, await viewers.require(request));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/survey-templates/:id/comparison',
      {
        schema: {
          tags,
          summary:
            'The questionnaires of a community made from one template, side by side (those the viewer may read)',
          params: idParams,
          querystring: z.object({ community: z.string().max(100) }),
          response: { 200: surveyComparisonSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const { community } = await surveyCommunity(db, request.query.community, viewer);
        return compareTemplate(db, request.params.id, community.id, viewer, requestLocale(request));
      },
    );
  };
}
