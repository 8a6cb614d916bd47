import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { actionsRoutes } from './actions.routes.ts';

/** Next steps: their own routes; the session-scoped ones belong to sessions. */
export const actionsFeature: FeatureDescriptor = {
  name: 'actions',
  routes: [{ plugin: actionsRoutes, prefix: '/api/v1' }],
  mails: ['actionDue'],
};
