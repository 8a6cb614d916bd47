import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { communityBranchSchema } from '../../../contract/community.ts';
import { errorBodySchema } from '../../../contract/error.ts';
import { listOf } from '../../../contract/list.ts';
import type { AppContext } from '../../app-context.ts';
import { listBranches } from './branches.queries.ts';
import { getCommunity } from './communities.queries.ts';

const tags = ['communities'];
const slugParams = z.object({ slug: z.string().max(64) });

/** Territorial branches (essaimage, decision 035); a branch is created by `POST /communities`. */
export function branchesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers } = ctx;
  return async (app) => {
    app.get(
      '/communities/:slug/branches',
      {
        schema: {
          tags,
          summary: 'A community’s territorial branches, by name (join one in a click as a member)',
          params: slugParams,
          response: { 200: listOf(communityBranchSchema), 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const community = await getCommunity(db, request.params.slug, viewer);
        return { items: await listBranches(db, community.id, viewer) };
      },
    );
  };
}
