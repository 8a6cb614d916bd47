import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { healthSchema } from '../../../contract/admin.ts';
import type { AppContext } from '../../app-context.ts';

export function healthRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health',
      {
        schema: {
          tags: ['health'],
          summary: 'Liveness and database reachability',
          response: { 200: healthSchema },
        },
      },
      async () => {
        await sql`select 1`.execute(ctx.db);
        return { status: 'ok' as const, database: ctx.database.dialect, version: ctx.version };
      },
    );
  };
}
