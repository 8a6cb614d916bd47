import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { learningDesignsRoutes } from './learning-designs.routes.ts';
import { learningDesignSearchSource } from './learning-designs.search.ts';
import { learningDesignsAndReviewsTables } from './migrations/2026-12-04-0022-learning-designs-and-reviews.ts';
import './rex.tables.ts';
import { reviewsRoutes } from './reviews.routes.ts';

/**
 * Evaluation and REX (issue 12): the community's library of learning designs, planning a session
 * from one, a circle's review (bilan), and the circles a REX session reviews. The decision taken
 * on each circle belongs to the circles feature (the circle carries it).
 */
export const rexFeature: FeatureDescriptor = {
  name: 'rex',
  search: [learningDesignSearchSource],
  routes: [
    { plugin: learningDesignsRoutes, prefix: '/api/v1' },
    { plugin: reviewsRoutes, prefix: '/api/v1' },
  ],
  migrations: (dialect) => ({
    '2026-12-04-0022-learning-designs-and-reviews': learningDesignsAndReviewsTables(dialect),
  }),
  personColumns: [{ table: 'learning_designs', column: 'created_by' }],
};
