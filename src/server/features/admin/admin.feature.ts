import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { adminRoutes } from './admin.routes.ts';
import { adminAuditRoutes } from './admin-audit.routes.ts';
import { adminCommunitiesRoutes } from './admin-communities.routes.ts';
import { adminUsersRoutes } from './admin-users.routes.ts';
import { adminSettingsRoutes, instanceRoutes } from './instance.routes.ts';

/**
 * The instance admins' console (decision 038): accounts, communities, jobs and the outbox, the
 * settings and the audit log, every route hidden (404) from anyone else; and the public settings
 * the legal, privacy and accessibility pages read.
 */
export const adminFeature: FeatureDescriptor = {
  name: 'admin',
  routes: [
    { plugin: adminRoutes, prefix: '/api/v1' },
    { plugin: adminUsersRoutes, prefix: '/api/v1' },
    { plugin: adminCommunitiesRoutes, prefix: '/api/v1' },
    { plugin: adminAuditRoutes, prefix: '/api/v1' },
    { plugin: adminSettingsRoutes, prefix: '/api/v1' },
    { plugin: instanceRoutes, prefix: '/api/v1' },
  ],
};
