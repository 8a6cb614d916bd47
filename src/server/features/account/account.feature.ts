import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { accountRoutes } from './account.routes.ts';
import './account.tables.ts';
import { inactiveWarningJob, tickInactiveAccounts } from './inactive-accounts.ts';
import { accountLifecycle } from './migrations/2026-12-04-0033-account-lifecycle.ts';

/**
 * A person's rights over their data (issue 15, decision 040): "Mes données" (GET /me/export),
 * "Supprimer mon compte" (DELETE /me), and inactive accounts warned then deleted by the tick.
 */
export const accountFeature: FeatureDescriptor = {
  name: 'account',
  routes: [{ plugin: accountRoutes, prefix: '/api/v1' }],
  jobs: [inactiveWarningJob],
  migrations: (dialect) => ({ '2026-12-04-0033-account-lifecycle': accountLifecycle(dialect) }),
  onTick: tickInactiveAccounts,
};
