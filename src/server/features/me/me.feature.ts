import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { meRoutes } from './me.routes.ts';

export const meFeature: FeatureDescriptor = {
  name: 'me',
  routes: [{ plugin: meRoutes, prefix: '/api/v1' }],
};
