import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Viewer } from '../../http/viewer.ts';
import { requireSteward } from '../../policy/access.ts';
import { isListedOn } from './session-access.ts';
import { getVisibleSession, loadSessionDetail } from './sessions.queries.ts';

/** The live topic of a session. */
export const sessionTopic = (sessionId: string) => `session:${sessionId}`;

/** The session as the viewer sees it, with what they may do there. */
export async function sessionDetail(db: Kysely<DB>, sessionId: string, viewer: Viewer | undefined) {
  const { session, circle } = await getVisibleSession(db, sessionId, viewer);
  return loadSessionDetail(db, session, {
    circle,
    viewer,
    isListed: await isListedOn(db, session.id, viewer),
  });
}

/** The session for a write by its facilitators (404 if invisible, 403 if not a steward). */
export async function sessionForStewards(db: Kysely<DB>, sessionId: string, viewer: Viewer) {
  const found = await getVisibleSession(db, sessionId, viewer);
  requireSteward(found.circle, viewer);
  return found;
}
