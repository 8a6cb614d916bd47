/**
 * What other features may use of sessions: finding one as the viewer may, its participants, the
 * session as the routes answer it, and the writes that date polls (creating the chosen session)
 * and the demo data (an imported meeting) reuse, and planning a session with its agenda from a
 * learning design.
 */
export { requireParticipant, sessionAbilities } from './session-access.ts';
export { storeImportedSession } from './session-import.ts';
export { sessionDetail } from './session-reads.ts';
export {
  addGuestParticipant,
  createSession,
  createSessionWithAgenda,
  patchSession,
  setOwnParticipation,
} from './sessions.commands.ts';
export { getVisibleSession } from './sessions.queries.ts';
