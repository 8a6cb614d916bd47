import { type FeatureDescriptor, inCircle } from '../feature-descriptor.ts';
import { getVisiblePoll } from './date-poll-access.ts';
import { datePollsRoutes } from './date-polls.routes.ts';
import { datePollSearchSource } from './date-polls.search.ts';
import { datePollGuestLocale } from './migrations/2026-12-04-0019-guest-locale.ts';
import { datePollSlotSessions } from './migrations/2026-12-05-0053-slot-sessions.ts';

export const datePollsFeature: FeatureDescriptor = {
  name: 'date-polls',
  search: [datePollSearchSource],
  routes: [{ plugin: datePollsRoutes, prefix: '/api/v1' }],
  topics: { 'date-poll': inCircle(getVisiblePoll) },
  mails: ['datePollResult', 'datePollGuest'],
  migrations: (dialect) => ({
    '2026-12-04-0019-guest-locale': datePollGuestLocale(dialect),
    '2026-12-05-0053-slot-sessions': datePollSlotSessions(),
  }),
};
