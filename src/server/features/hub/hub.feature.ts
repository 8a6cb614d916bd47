import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { hubRoutes } from './hub.routes.ts';
import { hubReadIndexes } from './migrations/2026-12-05-0045-hub-read-indexes.ts';
import { dashboardFigures } from './migrations/2026-12-05-0051-dashboard-figures.ts';
import { dashboardDayRollups } from './migrations/2026-12-05-0061-dashboard-day-rollups.ts';
import './dashboard.tables.ts';

/**
 * The community home (gare centrale) and the animators' dashboard (issue 14, parts 1 and 5): reads
 * only, over the other features' tables through the shared visibility predicates (decision 036).
 */
export const hubFeature: FeatureDescriptor = {
  name: 'hub',
  routes: [{ plugin: hubRoutes, prefix: '/api/v1' }],
  migrations: (dialect) => ({
    '2026-12-05-0045-hub-read-indexes': hubReadIndexes(),
    '2026-12-05-0051-dashboard-figures': dashboardFigures(dialect),
    '2026-12-05-0061-dashboard-day-rollups': dashboardDayRollups(dialect),
  }),
};
