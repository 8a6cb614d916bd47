import type { FastifyInstance } from 'fastify';
import { errorBodySchema } from '../../../contract/error.ts';
import { adminOnly } from '../../http/admin-only.ts';
import type { ViewerResolver } from '../../http/viewer.ts';

/** Hides every route of the plugin from anyone but instance admins (http/admin-only.ts). */
export function hideFromNonAdmins(app: FastifyInstance, viewers: ViewerResolver): void {
  app.addHook('onRequest', adminOnly(viewers));
}

/** What every admin route may answer besides its success. */
export const adminErrors = { 400: errorBodySchema, 404: errorBodySchema };
