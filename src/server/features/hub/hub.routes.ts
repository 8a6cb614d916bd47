import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import {
  communityDashboardSchema,
  communityHomeSchema,
  DASHBOARD_MAX_DAYS,
  dashboardPageQuerySchema,
  dashboardPeopleSchema,
  dashboardQuerySchema,
} from '../../../contract/hub.ts';
import type { AppContext } from '../../app-context.ts';
import { requestLocale } from '../../http/request-locale.ts';
import type { Viewer } from '../../http/viewer.ts';
import { mailText } from '../../mail/mail-i18n.ts';
import { requireAnimator } from '../communities/communities.public.ts';
import { communityDashboard, dashboardPeople } from './dashboard.queries.ts';
import { dashboardCsvRows } from './dashboard-csv.ts';
import { communityHome, getHomeCommunity } from './home.queries.ts';

const tags = ['hub'];
const slugParams = z.object({ slug: z.string().max(64) });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const periodDescription =
  '`from` and `to` are calendar days in the community’s time zone, both included; without `to`, today; ' +
  `without \`from\`, 365 days before \`to\`; \`from\` after \`to\` or more than ${DASHBOARD_MAX_DAYS} days is a 400. ` +
  'Community animators and instance admins only (403 for other accounts). Each figure is defined in the ' +
  'CommunityDashboard schema.';

export function hubRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers } = ctx;
  const animatedCommunity = async (slug: string, viewer: Viewer) => {
    const community = await getHomeCommunity(db, slug);
    await requireAnimator(db, community.id, viewer);
    return community;
  };
  const dashboardOf = async (
    slug: string,
    viewer: Viewer,
    period: { from?: string; to?: string },
    page: { cursor?: string; limit?: number; people?: 'with' | 'apart' },
  ) => communityDashboard(db, await animatedCommunity(slug, viewer), period, page);

  return async (app) => {
    app.get(
      '/communities/:slug/home',
      {
        schema: {
          tags,
          summary: 'The community home (gare centrale): what is next, next steps, minutes, announcements',
          description:
            'Every list holds only what the viewer may read, at most a few items, each with its web path. ' +
            'Signed-out visitors get what public visitors may see.',
          params: slugParams,
          response: { 200: communityHomeSchema, 404: errorBodySchema },
        },
      },
      async (request) => communityHome(db, request.params.slug, await viewers.find(request)),
    );

    app.get(
      '/communities/:slug/dashboard',
      {
        schema: {
          tags,
          summary: 'The animators’ dashboard: per circle and territory over a period',
          description: periodDescription,
          params: slugParams,
          querystring: dashboardPageQuerySchema,
          response: { 200: communityDashboardSchema, ...errors },
        },
      },
      async (request) => {
        const { from, to, cursor, limit, people } = request.query;
        return dashboardOf(
          request.params.slug,
          await viewers.require(request),
          { from, to },
          { cursor, limit, people },
        );
      },
    );

    app.get(
      '/communities/:slug/dashboard/people',
      {
        schema: {
          tags,
          summary:
            'The dashboard’s people active of the community and of each territory (what `people=apart` leaves null)',
          description: periodDescription,
          params: slugParams,
          querystring: dashboardQuerySchema,
          response: { 200: dashboardPeopleSchema, ...errors },
        },
      },
      async (request) => {
        const { from, to } = request.query;
        const community = await animatedCommunity(request.params.slug, await viewers.require(request));
        return dashboardPeople(db, community, { from, to });
      },
    );

    app.get(
      '/communities/:slug/dashboard.csv',
      {
        schema: {
          tags,
          summary:
            'The dashboard as CSV (one row per circle, territory and the total); names a spreadsheet would run as formulas are neutralised; `separator=semicolon` for spreadsheets set to French (decimals with a comma)',
          description: periodDescription,
          params: slugParams,
          querystring: dashboardQuerySchema.and(
            z.object({ separator: z.enum(['comma', 'semicolon']).default('comma') }),
          ),
          produces: ['text/csv'],
        },
      },
      async (request, reply) => {
        const { separator, from, to } = request.query;
        // A download: every circle, one after another in name order.
        const dashboard = await dashboardOf(
          request.params.slug,
          await viewers.require(request),
          { from, to },
          {},
        );
        const semicolon = separator === 'semicolon';
        const locale = requestLocale(request);
        const csv = stringify(dashboardCsvRows(dashboard, semicolon, locale), {
          delimiter: semicolon ? ';' : ',',
          bom: true,
        });
        return reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="${mailText(locale)('dashboardCsv.fileName')}-${dashboard.from}-${dashboard.to}.csv"`,
          )
          .send(csv);
      },
    );
  };
}
