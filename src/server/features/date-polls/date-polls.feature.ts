import { type FeatureDescriptor, inCircle } from '../feature-descriptor.ts';
import { getVisiblePoll } from './date-poll-access.ts';
import { datePollsRoutes } from './date-polls.routes.ts';

export const datePollsFeature: FeatureDescriptor = {
  name: 'date-polls',
  routes: [{ plugin: datePollsRoutes, prefix: '/api/v1' }],
  topics: { 'date-poll': inCircle(getVisiblePoll) },
  mails: ['datePollResult', 'datePollGuest'],
};
