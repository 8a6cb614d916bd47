import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { healthRoutes } from './health.routes.ts';

export const healthFeature: FeatureDescriptor = {
  name: 'health',
  routes: [{ plugin: healthRoutes, prefix: '/api' }],
};
