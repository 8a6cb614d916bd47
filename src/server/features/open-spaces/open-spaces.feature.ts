import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { getOpenSpaceAccess } from './open-space-access.ts';
import { openSpacesRoutes } from './open-spaces.routes.ts';
import './open-spaces.tables.ts';
import { openSpacesTables } from './migrations/2026-12-04-0026-open-spaces.ts';

/** Open spaces (forums ouverts) of events: the marketplace, presence, shared notes, the report. */
export const openSpacesFeature: FeatureDescriptor = {
  name: 'open-spaces',
  routes: [{ plugin: openSpacesRoutes, prefix: '/api/v1' }],
  // The grid is the event's: authorised like the event, in its community's scope.
  topics: {
    'open-space': (db, id, viewer) =>
      getOpenSpaceAccess(db, id, viewer).then(({ community }) => `community:${community.id}`),
  },
  migrations: (dialect) => ({ '2026-12-04-0026-open-spaces': openSpacesTables(dialect) }),
  personColumns: [
    { table: 'open_spaces', column: 'created_by' },
    { table: 'open_space_sessions', column: 'host_id' },
    { table: 'open_space_presences', column: 'user_id', keys: ['open_space_id', 'slot_id'] },
  ],
};
