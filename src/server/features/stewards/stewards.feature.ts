import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { stewardsRoutes } from './stewards.routes.ts';

export const stewardsFeature: FeatureDescriptor = {
  name: 'stewards',
  routes: [{ plugin: stewardsRoutes, prefix: '/api/v1' }],
};
