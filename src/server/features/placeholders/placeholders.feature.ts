import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { claimMailJob } from './claim-mail.ts';
import { placeholdersRoutes } from './placeholders.routes.ts';

export const placeholdersFeature: FeatureDescriptor = {
  name: 'placeholders',
  routes: [{ plugin: placeholdersRoutes, prefix: '/api/v1' }],
  jobs: [claimMailJob],
};
