import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { getEventAccess } from './event-access.ts';
import './events.tables.ts';
import { eventsTables } from './migrations/2026-12-04-0024-events.ts';

/** Events of a community: programme on sites, registrations with waitlists, guests, roles. */
export const eventsFeature: FeatureDescriptor = {
  name: 'events',
  routes: [],
  topics: {
    event: (db, id, viewer) =>
      getEventAccess(db, id, viewer).then(({ community }) => `community:${community.id}`),
  },
  migrations: (dialect) => ({ '2026-12-04-0024-events': eventsTables(dialect) }),
  personColumns: [
    { table: 'events', column: 'created_by' },
    { table: 'event_registrations', column: 'user_id', keys: ['event_id'] },
  ],
};
