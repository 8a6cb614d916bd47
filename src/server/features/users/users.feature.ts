import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { disabledAccounts } from './migrations/2026-12-04-0034-disabled-accounts.ts';
import { usersNameIndex } from './migrations/2026-12-05-0046-users-name-index.ts';
import { usersSearchTrigrams } from './migrations/2026-12-05-0052-users-search-trigrams.ts';
import './users.tables.ts';

/** Accounts as other features read them (users.public.ts); their routes are auth's and me's. */
export const usersFeature: FeatureDescriptor = {
  name: 'users',
  migrations: (dialect) => ({
    '2026-12-04-0034-disabled-accounts': disabledAccounts(dialect),
    '2026-12-05-0046-users-name-index': usersNameIndex(),
    '2026-12-05-0052-users-search-trigrams': usersSearchTrigrams(dialect),
  }),
};
