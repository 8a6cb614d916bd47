import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { guestsRoutes } from './guests.routes.ts';
import { guests } from './migrations/2026-12-05-0054-guests.ts';

export const guestsFeature: FeatureDescriptor = {
  name: 'guests',
  routes: [{ plugin: guestsRoutes, prefix: '/api/v1' }],
  migrations: (dialect) => ({ '2026-12-05-0054-guests': guests(dialect) }),
  personColumns: [
    { table: 'guest_codes', column: 'created_by' },
    // A claim deletes the guest row before the merge (claimGuest): an account is never a guest.
    { table: 'guests', column: 'user_id' },
  ],
};
