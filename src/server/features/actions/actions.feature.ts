import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { actionsRoutes } from './actions.routes.ts';
import { actionSearchSource } from './actions.search.ts';

/** Next steps: their own routes; the session-scoped ones belong to sessions. */
export const actionsFeature: FeatureDescriptor = {
  name: 'actions',
  search: [actionSearchSource],
  routes: [{ plugin: actionsRoutes, prefix: '/api/v1' }],
  mails: ['actionDue'],
};
