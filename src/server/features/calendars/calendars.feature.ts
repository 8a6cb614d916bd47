import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { calendarsRoutes } from './calendars.routes.ts';

export const calendarsFeature: FeatureDescriptor = {
  name: 'calendars',
  routes: [{ plugin: calendarsRoutes, prefix: '/api/v1' }],
};
