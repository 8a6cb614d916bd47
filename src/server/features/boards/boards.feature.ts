import { type FeatureDescriptor, inCircle } from '../feature-descriptor.ts';
import { getBoardAccess } from './board-access.ts';
import { boardsRoutes } from './boards.routes.ts';
import { boardNotesRoutes } from './notes.routes.ts';

export const boardsFeature: FeatureDescriptor = {
  name: 'boards',
  routes: [
    { plugin: boardsRoutes, prefix: '/api/v1' },
    { plugin: boardNotesRoutes, prefix: '/api/v1' },
  ],
  topics: { board: inCircle(getBoardAccess) },
};
