import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { authRoutes } from './auth.routes.ts';

export const authFeature: FeatureDescriptor = {
  name: 'auth',
  routes: [{ plugin: authRoutes, prefix: '/api/v1' }],
};
