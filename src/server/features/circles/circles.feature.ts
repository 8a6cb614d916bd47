import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { leaveCirclesOfCommunity } from './circles.commands.ts';
import { circlesRoutes } from './circles.routes.ts';

export const circlesFeature: FeatureDescriptor = {
  name: 'circles',
  routes: [{ plugin: circlesRoutes, prefix: '/api/v1' }],
  mails: ['circlePromotion'],
  /** Leaving a community takes away every standing in its circles (and sight of the hidden ones). */
  onLeaveCommunity: (trx, { communityId, userId }, leaving) =>
    leaveCirclesOfCommunity(trx, communityId, userId, leaving),
};
