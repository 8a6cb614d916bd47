import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { circleSearchSource } from './circles.search.ts';
import './circle-decisions.tables.ts';
import './circle-cycles.tables.ts';
import { circleCyclesRoutes } from './circle-cycles.routes.ts';
import { leaveCirclesOfCommunity } from './circles.commands.ts';
import { circlesRoutes } from './circles.routes.ts';
import { circleDecisionsTable } from './migrations/2026-12-04-0023-circle-decisions.ts';
import { circleCyclesTables } from './migrations/2026-12-05-0058-circle-cycles.ts';

export const circlesFeature: FeatureDescriptor = {
  name: 'circles',
  search: [circleSearchSource],
  routes: [
    { plugin: circlesRoutes, prefix: '/api/v1' },
    { plugin: circleCyclesRoutes, prefix: '/api/v1' },
  ],
  mails: ['circlePromotion', 'circleRenewal'],
  migrations: (dialect) => ({
    '2026-12-04-0023-circle-decisions': circleDecisionsTable(dialect),
    '2026-12-05-0058-circle-cycles': circleCyclesTables(dialect),
  }),
  personColumns: [
    { table: 'circle_decisions', column: 'decided_by' },
    { table: 'circle_links', column: 'created_by' },
  ],
  /** Leaving a community takes away every standing in its circles (and sight of the hidden ones). */
  onLeaveCommunity: (trx, { communityId, userId }, leaving) =>
    leaveCirclesOfCommunity(trx, communityId, userId, leaving),
};
