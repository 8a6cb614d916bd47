import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { searchTables } from './migrations/2026-12-04-0027-search.ts';
import { searchLexemes } from './migrations/2026-12-04-0040-search-lexemes.ts';
import { searchRetries } from './migrations/2026-12-04-0041-search-retries.ts';
import { searchVisibilityIndex } from './migrations/2026-12-05-0060-search-visibility-index.ts';
import { searchRoutes } from './search.routes.ts';
import './search.tables.ts';

/**
 * Search across a community (issue 14): the index the features' sources feed (each declares its
 * kinds in `search`), kept in step by triggers and the indexer (search/), one query for both
 * engines with visibility in its WHERE (policy/search-visibility.ts). Decision 033.
 */
export const searchFeature: FeatureDescriptor = {
  name: 'search',
  routes: [{ plugin: searchRoutes, prefix: '/api/v1' }],
  migrations: (dialect) => ({
    '2026-12-04-0027-search': searchTables(dialect),
    '2026-12-04-0040-search-lexemes': searchLexemes(dialect),
    '2026-12-04-0041-search-retries': searchRetries(dialect),
    '2026-12-05-0060-search-visibility-index': searchVisibilityIndex(dialect),
  }),
};
