import { type FeatureDescriptor, inCircle } from '../feature-descriptor.ts';
import { releaseSignupsIn } from './signups.commands.ts';
import { getVisibleSheet } from './signups.queries.ts';
import { signupsRoutes } from './signups.routes.ts';
import { signupSheetSearchSource } from './signups.search.ts';

export const signupsFeature: FeatureDescriptor = {
  name: 'signups',
  search: [signupSheetSearchSource],
  routes: [{ plugin: signupsRoutes, prefix: '/api/v1' }],
  topics: { 'signup-sheet': inCircle(getVisibleSheet) },
  mails: ['signupPromotion'],
  /** Leaving a circle releases one's places on its sheets, promoting their waitlists. */
  onLeaveCircle: (trx, { circleId, userId }) => releaseSignupsIn(trx, circleId, userId),
};
