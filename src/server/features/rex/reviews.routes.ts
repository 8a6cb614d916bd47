import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import {
  circleReviewSchema,
  reviewedCirclesPutSchema,
  reviewedCirclesSchema,
  reviewQuerySchema,
} from '../../../contract/review.ts';
import type { AppContext } from '../../app-context.ts';
import { requestLocale } from '../../http/request-locale.ts';
import type { Viewer } from '../../http/viewer.ts';
import { abilitiesInCircle, requireSteward } from '../../policy/access.ts';
import { getVisibleSession } from '../sessions/sessions.public.ts';
import { circleReview, getReviewableCircle } from './review.queries.ts';
import { reviewMarkdown } from './review-markdown.ts';
import { listReviewedCircles, setReviewedCircles } from './reviewed-circles.ts';

const tags = ['reviews'];
const idParams = z.object({ id: z.string().max(100) });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

const periodDescription =
  '`from` and `to` are calendar days in the community’s time zone, both included; without `to`, ' +
  'today; without `from`, 365 days before `to`. Each count is defined in the CircleReview schema.';

export function reviewsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live } = ctx;
  const reviewed = async (sessionId: string, viewer: Viewer | undefined) => {
    const { session, circle } = await getVisibleSession(db, sessionId, viewer);
    return listReviewedCircles(db, session, viewer, abilitiesInCircle(circle, viewer).steer);
  };

  return async (app) => {
    app.get(
      '/circles/:id/review',
      {
        schema: {
          tags,
          summary: 'A circle’s review (bilan) over a period: sessions, attendance, next steps',
          description: `For whoever may read the circle’s content (404 otherwise). ${periodDescription}`,
          params: idParams,
          querystring: reviewQuerySchema,
          response: { 200: circleReviewSchema, 400: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const circle = await getReviewableCircle(db, request.params.id, await viewers.find(request));
        return circleReview(db, circle, request.query);
      },
    );

    app.get(
      '/circles/:id/review.md',
      {
        schema: {
          tags,
          summary: 'A circle’s review as Markdown (text/markdown), in the request’s language',
          description: periodDescription,
          params: idParams,
          querystring: reviewQuerySchema,
          produces: ['text/markdown'],
        },
      },
      async (request, reply) => {
        const circle = await getReviewableCircle(db, request.params.id, await viewers.find(request));
        const review = await circleReview(db, circle, request.query);
        return reply
          .type('text/markdown; charset=utf-8')
          .header('content-disposition', `attachment; filename="bilan-${review.from}-${review.to}.md"`)
          .send(reviewMarkdown(review, requestLocale(request)));
      },
    );

    app.get(
      '/sessions/:id/reviewed-circles',
      {
        schema: {
          tags,
          summary: 'The circles this session (a REX) reviews, each with its review and decision',
          description: 'Only the circles whose content the viewer may read are listed.',
          params: idParams,
          response: { 200: reviewedCirclesSchema, 404: errorBodySchema },
        },
      },
      async (request) => reviewed(request.params.id, await viewers.find(request)),
    );

    app.put(
      '/sessions/:id/reviewed-circles',
      {
        schema: {
          tags,
          summary: 'Choose the circles this session reviews, and the period (the session’s stewards)',
          description:
            'Replaces the list. Each circle must be one of the session’s community whose content the ' +
            'caller may read (400 otherwise). Without `to`, the reviews run to the session’s day; ' +
            'without `from`, 365 days before that.',
          params: idParams,
          body: reviewedCirclesPutSchema,
          response: { 200: reviewedCirclesSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { session, circle } = await getVisibleSession(db, request.params.id, viewer);
        requireSteward(circle, viewer);
        await setReviewedCircles(db, session, circle.communityId, viewer, request.body);
        live.publish(`session:${session.id}`, { type: 'session.reviews.updated', sessionId: session.id });
        return reviewed(session.id, viewer);
      },
    );
  };
}
