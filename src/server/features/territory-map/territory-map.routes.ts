import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import { communityMapSchema } from '../../../contract/territory.ts';
import type { AppContext } from '../../app-context.ts';
import { getCommunity } from '../communities/communities.public.ts';
import { communityMap } from './territory-map.queries.ts';

const tags = ['territories'];

export function territoryMapRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers } = ctx;
  return async (app) => {
    app.get(
      '/communities/:slug/map',
      {
        schema: {
          tags,
          summary: 'A community’s circles and members per territory, as the viewer may see them',
          description:
            'Only territories with something in them. Circles count when the viewer may see them; ' +
            'members (whose profile names the territory) only for the community’s members, null ' +
            'otherwise. A région counts what is linked to it or to its départements, each once; ' +
            '`ownCircles`/`ownMembers` what is linked to the région itself. `communityCodes` empty: ' +
            'a national community.',
          params: z.object({ slug: z.string().max(64) }),
          response: { 200: communityMapSchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const community = await getCommunity(db, request.params.slug, viewer);
        return communityMap(db, community, viewer);
      },
    );
  };
}
