import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import { glossaryCopyResultSchema } from '../../../contract/glossary.ts';
import type { AppContext } from '../../app-context.ts';
import { requireAbility } from '../../policy/access.ts';
import { glossaryAbilities, glossaryCommunity } from './glossary.queries.ts';
import { copyParentGlossary } from './glossary-copy.ts';

const slugParams = z.object({ slug: z.string().max(100) });

/** A territorial branch takes its parent's glossary (decision 035). */
export function glossaryCopyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers } = ctx;
  return async (app) => {
    app.post(
      '/communities/:slug/glossary/copy-from-parent',
      {
        schema: {
          tags: ['glossary'],
          summary: 'Copy the parent’s selected and published entries into a branch’s glossary (animators)',
          description:
            'Terms the branch already has (accents and case ignored) are left as they are, so a second ' +
            'call copies nothing more. 409 when the community is not a branch.',
          params: slugParams,
          response: {
            200: glossaryCopyResultSchema,
            401: errorBodySchema,
            403: errorBodySchema,
            404: errorBodySchema,
            409: errorBodySchema,
          },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { community, standing } = await glossaryCommunity(db, request.params.slug, viewer);
        requireAbility(
          glossaryAbilities(standing),
          'steer',
          'Community',
          'Only the community’s animators copy a glossary',
        );
        return copyParentGlossary(db, community.id, viewer.id);
      },
    );
  };
}
