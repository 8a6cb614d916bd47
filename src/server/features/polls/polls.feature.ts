import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { getPollAccess } from './poll-access.ts';
import { pollsRoutes } from './polls.routes.ts';
import { pollSearchSource } from './polls.search.ts';

export const pollsFeature: FeatureDescriptor = {
  name: 'polls',
  search: [pollSearchSource],
  routes: [{ plugin: pollsRoutes, prefix: '/api/v1' }],
  topics: {
    // A community-wide poll is revoked with the community (`community:<id>`), not a circle.
    poll: (db, id, viewer) =>
      getPollAccess(db, id, viewer).then(({ scope }) =>
        scope.kind === 'circle' ? scope.circleId : `community:${scope.communityId}`,
      ),
  },
};
