import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { communitiesRoutes } from './communities.routes.ts';

export const communitiesFeature: FeatureDescriptor = {
  name: 'communities',
  routes: [{ plugin: communitiesRoutes, prefix: '/api/v1' }],
};
