import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBodySchema } from '../../../contract/error.ts';
import { searchQuerySchema, searchResponseSchema } from '../../../contract/search.ts';
import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../http/errors.ts';
import { isEmptySearch, parseSearch } from '../../search/search-query.ts';
import { searchDocuments } from './search.queries.ts';

const errors = { 400: errorBodySchema, 404: errorBodySchema };

export function searchRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers } = ctx;
  return async (app) => {
    app.get(
      '/search',
      {
        schema: {
          tags: ['search'],
          summary: 'Search what circles produce, as far as the viewer may open it',
          description:
            'Sessions (title, agenda, synthesis, à communiquer, shared notes), next steps, post-its, polls, ' +
            'date polls, sign-up sheets, glossary entries, events, learning designs and circles. French stems ' +
            'and accents ignored ("cooperation" finds "coopérer"); every word required, "a phrase" for words side ' +
            'by side, prefix* for the start of a word (three letters at least). Ranked, title first. Results, ' +
            '`total` and snippets only ever include what the viewer may open. The newest 2,000 matches are ranked; `total` ' +
            'is exact up to 1,000. An edit is found within about a second.',
          querystring: searchQuerySchema,
          response: { 200: searchResponseSchema, ...errors },
        },
      },
      async (request) => {
        const { q, community, kind, circleId, territory, from, to, limit, offset } = request.query;
        const viewer = await viewers.find(request);
        let communityId: string | undefined;
        if (community !== undefined) {
          const found = await db
            .selectFrom('communities')
            .select('id')
            .where('slug', '=', community)
            .executeTakeFirst();
          if (!found) throw notFound('Community');
          communityId = found.id;
        }
        const parsed = parseSearch(q);
        if (isEmptySearch(parsed)) return { items: [], total: 0, totalIsExact: true };
        return searchDocuments(
          db,
          viewer,
          parsed,
          { communityId, kind, circleId, territory, from, to },
          { limit, offset },
        );
      },
    );
  };
}
