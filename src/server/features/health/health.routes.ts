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
          summary: 'Liveness, database reachability and how live events travel',
          response: { 200: healthSchema },
        },
      },
      async () => {
        await sql`select 1`.execute(ctx.db);
        const live: 'in-process' | 'redis' | 'redis-unreachable' = !ctx.live.distributed
          ? 'in-process'
          : ctx.live.healthy
            ? 'redis'
            : 'redis-unreachable';
        return { status: 'ok' as const, database: ctx.database.dialect, live, version: ctx.version };
      },
    );
  };
}
