import { type FeatureDescriptor, inCircle } from '../feature-descriptor.ts';
import { importRoutes } from './import.routes.ts';
import { listedSessionsIndex } from './migrations/2026-12-05-0047-listed-sessions-index.ts';
import { sessionVersion } from './migrations/2026-12-05-0050-session-version.ts';
import { sessionSeries } from './migrations/2026-12-05-0053-session-series.ts';
import { participationRoutes } from './participation.routes.ts';
import { sessionActionsRoutes } from './session-actions.routes.ts';
import { getVisibleSession } from './sessions.queries.ts';
import { sessionsRoutes } from './sessions.routes.ts';
import { sessionSearchSource } from './sessions.search.ts';

export const sessionsFeature: FeatureDescriptor = {
  name: 'sessions',
  search: [sessionSearchSource],
  routes: [
    { plugin: sessionsRoutes, prefix: '/api/v1' },
    { plugin: importRoutes, prefix: '/api/v1' },
    { plugin: participationRoutes, prefix: '/api/v1' },
    { plugin: sessionActionsRoutes, prefix: '/api/v1' },
  ],
  topics: { session: inCircle(getVisibleSession) },
  mails: ['invitation', 'sessionReminder', 'sessionMoved', 'sessionCancelled'],
  migrations: (dialect) => ({
    '2026-12-05-0047-listed-sessions-index': listedSessionsIndex(),
    '2026-12-05-0050-session-version': sessionVersion(),
    '2026-12-05-0053-session-series': sessionSeries(dialect),
  }),
};
