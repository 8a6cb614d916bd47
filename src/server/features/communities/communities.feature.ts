import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { branchesRoutes } from './branches.routes.ts';
import { communitiesRoutes } from './communities.routes.ts';
import './communities.tables.ts';
import { communityBranches } from './migrations/2026-12-04-0030-community-branches.ts';
import { archivedCommunities } from './migrations/2026-12-04-0035-archived-communities.ts';

export const communitiesFeature: FeatureDescriptor = {
  name: 'communities',
  routes: [
    { plugin: communitiesRoutes, prefix: '/api/v1' },
    { plugin: branchesRoutes, prefix: '/api/v1' },
  ],
  migrations: (dialect) => ({
    '2026-12-04-0030-community-branches': communityBranches(),
    '2026-12-04-0035-archived-communities': archivedCommunities(dialect),
  }),
};
