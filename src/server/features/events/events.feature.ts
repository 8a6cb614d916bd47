import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { getEventAccess } from './event-access.ts';
import { eventsRoutes } from './events.routes.ts';
import './events.tables.ts';
import { eventsTables } from './migrations/2026-12-04-0024-events.ts';
import {
  eventReminderJob,
  eventsTick,
  registrationConfirmJob,
  registrationPromotedJob,
} from './registration-mails.ts';
import { releaseCommunityEvents } from './registrations.commands.ts';
import { registrationsRoutes } from './registrations.routes.ts';

/** Events of a community: programme on sites, registrations with waitlists, guests, roles. */
export const eventsFeature: FeatureDescriptor = {
  name: 'events',
  routes: [
    { plugin: eventsRoutes, prefix: '/api/v1' },
    { plugin: registrationsRoutes, prefix: '/api/v1' },
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
  migrations: (dialect) => ({ '2026-12-04-0024-events': eventsTables(dialect) }),
  /** Leaving a community gives up one's places at its community events, promoting their waitlists. */
  onLeaveCommunity: (trx, { communityId, userId }) => releaseCommunityEvents(trx, communityId, userId),
  personColumns: [
    { table: 'events', column: 'created_by' },
    { table: 'event_registrations', column: 'user_id', keys: ['event_id'] },
  ],
};
