import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { territoryMapRoutes } from './territory-map.routes.ts';

/**
 * A community's map: its circles and members per territory (decision 034). Apart from territories,
 * since it reads communities, which themselves write their territories through territories.
 */
export const territoryMapFeature: FeatureDescriptor = {
  name: 'territory-map',
  routes: [{ plugin: territoryMapRoutes, prefix: '/api/v1' }],
};
