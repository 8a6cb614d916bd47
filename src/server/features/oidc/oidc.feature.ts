import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { oidc } from './migrations/2026-12-04-0032-oidc.ts';
import { oidcRoutes } from './oidc.routes.ts';
import { deleteExpiredVerifications } from './oidc-flows.ts';
import './oidc.tables.ts';

/**
 * Single sign-on through an OpenID Connect provider (issue 15, decision 039): the start and
 * callback routes, the sign-in providers the web offers, provider logout for the sessions it opened.
 */
export const oidcFeature: FeatureDescriptor = {
  name: 'oidc',
  routes: [{ plugin: oidcRoutes, prefix: '/api/v1' }],
  migrations: (dialect) => ({ '2026-12-04-0032-oidc': oidc(dialect) }),
  onTick: deleteExpiredVerifications,
};
