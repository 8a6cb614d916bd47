import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { territoryTables } from './migrations/2026-12-04-0028-territories.ts';
import './territories.tables.ts';
import { territoriesRoutes } from './territories.routes.ts';

/**
 * Régions and départements on communities, circles, events and profiles (decision 034). The
 * features owning those write and read their links through territories.public.ts.
 */
export const territoriesFeature: FeatureDescriptor = {
  name: 'territories',
  routes: [{ plugin: territoriesRoutes, prefix: '/api/v1' }],
  migrations: () => ({ '2026-12-04-0028-territories': territoryTables() }),
  // A person's profile territories follow them when a placeholder is claimed (one row per territory).
  personColumns: [{ table: 'territory_links', column: 'subject_id', keys: ['subject_kind', 'code'] }],
};
