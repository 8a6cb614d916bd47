import type { FeatureDescriptor } from '../feature-descriptor.ts';

/** Accounts as other features read them (users.public.ts); their routes are auth's and me's. */
export const usersFeature: FeatureDescriptor = { name: 'users' };
