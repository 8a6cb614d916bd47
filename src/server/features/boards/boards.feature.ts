import './board-wall.tables.ts';
import { type FeatureDescriptor, inCircle } from '../feature-descriptor.ts';
import { getBoardAccess } from './board-access.ts';
import { boardWallRoutes } from './board-wall.routes.ts';
import { boardsRoutes } from './boards.routes.ts';
import { postItSearchSource } from './boards.search.ts';
import { boardVersion } from './migrations/2026-12-05-0042-board-version.ts';
import { boardPrivateNotesIndex } from './migrations/2026-12-05-0048-board-private-notes-index.ts';
import { boardWall } from './migrations/2026-12-05-0056-board-wall.ts';
import { boardNotesRoutes } from './notes.routes.ts';

export const boardsFeature: FeatureDescriptor = {
  name: 'boards',
  search: [postItSearchSource],
  routes: [
    { plugin: boardsRoutes, prefix: '/api/v1' },
    { plugin: boardNotesRoutes, prefix: '/api/v1' },
    { plugin: boardWallRoutes, prefix: '/api/v1' },
  ],
  topics: { board: inCircle(getBoardAccess) },
  migrations: (dialect) => ({
    '2026-12-05-0042-board-version': boardVersion(),
    '2026-12-05-0048-board-private-notes-index': boardPrivateNotesIndex(),
    '2026-12-05-0056-board-wall': boardWall(dialect),
  }),
};
