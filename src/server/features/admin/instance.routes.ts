import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { instanceInfoSchema, instanceSettingsSchema } from '../../../contract/instance.ts';
import type { AppContext } from '../../app-context.ts';
import { auditIp, recordAudit } from '../audit/audit.public.ts';
import { adminErrors, hideFromNonAdmins } from './admin-guard.ts';
import { readInstanceSettings, retentionFacts, writeInstanceSettings } from './instance-settings.ts';

/** The public pages' settings: legal notice, privacy, accessibility statement (anyone may read). */
export function instanceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, env } = ctx;
  return async (app) => {
    app.get(
      '/instance',
      {
        schema: {
          tags: ['instance'],
          summary: 'What the instance says of itself: name, contact, legal, privacy and accessibility texts',
          description: 'With the periods it keeps data for, as the privacy page lists them.',
          response: { 200: instanceInfoSchema },
        },
      },
      async () => ({ settings: await readInstanceSettings(db), retention: retentionFacts(env) }),
    );
  };
}

export function adminSettingsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, env, viewers } = ctx;
  return async (app) => {
    hideFromNonAdmins(app, viewers);

    app.get(
      '/admin/settings',
      {
        schema: {
          tags: ['admin'],
          summary: 'The instance settings, to edit (instance admins)',
          response: { 200: instanceSettingsSchema, ...adminErrors },
        },
      },
      () => readInstanceSettings(db),
    );

    app.put(
      '/admin/settings',
      {
        schema: {
          tags: ['admin'],
          summary: 'Replace the instance settings (name, contact, legal notice, privacy, accessibility)',
          body: instanceSettingsSchema,
          response: { 200: instanceSettingsSchema, ...adminErrors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        await db.transaction().execute(async (trx) => {
          await writeInstanceSettings(trx, request.body);
          await recordAudit(trx, {
            kind: 'admin.settings',
            actorId: viewer.id,
            ip: auditIp(request, env),
            subject: { kind: 'settings', id: 'instance' },
          });
        });
        return request.body;
      },
    );
  };
}
