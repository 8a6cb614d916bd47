import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { leaveEventsOfCommunity } from './challenges.commands.ts';
import { challengesRoutes } from './challenges.routes.ts';
import { eventSearchSource } from './events.search.ts';
import './challenges.tables.ts';
import { getEventAccess } from './event-access.ts';
import { eventsRoutes } from './events.routes.ts';
import './events.tables.ts';
import { eventsTables } from './migrations/2026-12-04-0024-events.ts';
import { eventRolesChallengesTables } from './migrations/2026-12-04-0025-event-roles-challenges.ts';
import {
  eventReminderJob,
  eventsTick,
  registrationConfirmJob,
  registrationPromotedJob,
} from './registration-mails.ts';
import { releaseCommunityEvents } from './registrations.commands.ts';
import { registrationsRoutes } from './registrations.routes.ts';
import { rolesRoutes } from './roles.routes.ts';

/** Events of a community: programme on sites, registrations with waitlists, guests, roles. */
export const eventsFeature: FeatureDescriptor = {
  name: 'events',
  search: [eventSearchSource],
  routes: [
    { plugin: eventsRoutes, prefix: '/api/v1' },
    { plugin: registrationsRoutes, prefix: '/api/v1' },
    { plugin: challengesRoutes, prefix: '/api/v1' },
    { plugin: rolesRoutes, prefix: '/api/v1' },
  ],
  // An event is read by its community's members (public ones by all): what is lost with the
  // community is lost with it.
  topics: {
    event: (db, id, viewer) =>
      getEventAccess(db, id, viewer).then(({ community }) => `community:${community.id}`),
  },
  jobs: [registrationConfirmJob, registrationPromotedJob, eventReminderJob],
  // Reminders the day before; guests' registrations left unconfirmed past 48 hours are erased.
  onTick: eventsTick,
  migrations: (dialect) => ({
    '2026-12-04-0024-events': eventsTables(dialect),
    '2026-12-04-0025-event-roles-challenges': eventRolesChallengesTables(dialect),
  }),
  personColumns: [
    { table: 'events', column: 'created_by' },
    { table: 'event_registrations', column: 'user_id', keys: ['event_id'] },
    { table: 'event_challenges', column: 'created_by' },
    { table: 'event_challenge_carriers', column: 'user_id', keys: ['challenge_id'] },
    { table: 'event_challenge_members', column: 'user_id', keys: ['challenge_id'] },
    { table: 'event_roles', column: 'created_by' },
    { table: 'event_role_takers', column: 'user_id', keys: ['role_id'] },
  ],
  /**
   * Leaving a community gives up one's places at its community events (promoting their waitlists),
   * and one's teams, roles and carrying of challenges at all its events.
   */
  onLeaveCommunity: async (trx, { communityId, userId }) => {
    await releaseCommunityEvents(trx, communityId, userId);
    await leaveEventsOfCommunity(trx, communityId, userId);
  },
};
