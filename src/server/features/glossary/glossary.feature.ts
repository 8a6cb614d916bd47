import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { getEntryAccess } from './glossary.queries.ts';
import { glossaryRoutes } from './glossary.routes.ts';
import { glossarySearchSource } from './glossary.search.ts';
import { glossaryCopyRoutes } from './glossary-copy.routes.ts';
import './glossary.tables.ts';
import { glossaryTables } from './migrations/2026-12-04-0020-glossary.ts';

/** The abécédaire of a community: entries proposed, written together, selected and published. */
export const glossaryFeature: FeatureDescriptor = {
  name: 'glossary',
  search: [glossarySearchSource],
  routes: [
    { plugin: glossaryRoutes, prefix: '/api/v1' },
    { plugin: glossaryCopyRoutes, prefix: '/api/v1' },
  ],
  // An entry is community-wide: its followers lose it with the community (`community:<id>`).
  topics: {
    glossary: (db, id, viewer) =>
      getEntryAccess(db, id, viewer).then(({ community }) => `community:${community.id}`),
  },
  migrations: (dialect) => ({ '2026-12-04-0020-glossary': glossaryTables(dialect) }),
  personColumns: [
    { table: 'glossary_entries', column: 'created_by' },
    { table: 'glossary_revisions', column: 'author_id' },
    { table: 'glossary_writers', column: 'user_id', keys: ['entry_id'] },
    { table: 'glossary_votes', column: 'created_by' },
  ],
};
