import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { territoryListSchema } from '../../../contract/territory.ts';
import { territories } from '../../../domain/territories.ts';

const tags = ['territories'];
const list = { items: [...territories] };

export function territoriesRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/territories',
      {
        schema: {
          tags,
          summary: 'French régions and départements (Code officiel géographique, bundled)',
          description:
            'The 18 régions and 101 départements. A territory is named by its key: a département by ' +
            'its official code ("33", "2A", "971"), a région by its official code behind an R ("R75"), ' +
            'since both share some codes. `inseeCode` is the bare official code.',
          response: { 200: territoryListSchema },
        },
      },
      async (_request, reply) => {
        // The same for everyone and for as long as this version runs.
        reply.header('cache-control', 'public, max-age=86400');
        return list;
      },
    );
  };
}
