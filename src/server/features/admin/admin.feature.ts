import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { adminRoutes } from './admin.routes.ts';

export const adminFeature: FeatureDescriptor = {
  name: 'admin',
  routes: [{ plugin: adminRoutes, prefix: '/api/v1' }],
};
