import { type FeatureDescriptor, inCircle } from '../feature-descriptor.ts';
import { importRoutes } from './import.routes.ts';
import { meetingRoutes } from './meeting.routes.ts';
import { listedSessionsIndex } from './migrations/2026-12-05-0047-listed-sessions-index.ts';
import { sessionVersion } from './migrations/2026-12-05-0050-session-version.ts';
import { sessionSeries } from './migrations/2026-12-05-0053-session-series.ts';
import { meetingRoom } from './migrations/2026-12-05-0055-meeting-room.ts';
import { notesComments } from './migrations/2026-12-05-0057-notes-comments.ts';
import { notesCommentsRoutes } from './notes-comments.routes.ts';
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
    { plugin: meetingRoutes, prefix: '/api/v1' },
    { plugin: notesCommentsRoutes, prefix: '/api/v1' },
  ],
  topics: { session: inCircle(getVisibleSession), 'notes-comments': inCircle(getVisibleSession) },
  mails: ['invitation', 'sessionReminder', 'sessionMoved', 'sessionCancelled'],
  personColumns: [
    { table: 'speaking_hands', column: 'user_id', keys: ['session_id'] },
    { table: 'session_note_comments', column: 'author_id' },
    { table: 'session_note_comments', column: 'resolved_by' },
  ],
  migrations: (dialect) => ({
    '2026-12-05-0047-listed-sessions-index': listedSessionsIndex(),
    '2026-12-05-0050-session-version': sessionVersion(),
    '2026-12-05-0053-session-series': sessionSeries(dialect),
    '2026-12-05-0055-meeting-room': meetingRoom(dialect),
    '2026-12-05-0057-notes-comments': notesComments(dialect),
  }),
};
