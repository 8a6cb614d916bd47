import type { Kysely } from 'kysely';
import type { Abilities } from '../../../domain/policy.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { abilitiesInCircle, type CircleWithStanding, requireAbility } from '../../policy/access.ts';

/** Whether the viewer is listed among the session's participants (the session policy's `isListed`). */
export async function isListedOn(
  db: Kysely<DB>,
  sessionId: string,
  viewer: Viewer | undefined,
): Promise<boolean> {
  if (!viewer) return false;
  const listed = await db
    .selectFrom('sessionParticipants')
    .select('id')
    .where('sessionId', '=', sessionId)
    .where('userId', '=', viewer.id)
    .executeTakeFirst();
  return listed !== undefined;
}

/**
 * The session policy's answer: members of its circle, people listed as its participants and those
 * who steer the circle take part; others who can see a public circle may read it, not write.
 */
export async function sessionAbilities(
  db: Kysely<DB>,
  session: { id: string },
  circle: CircleWithStanding,
  viewer: Viewer | undefined,
): Promise<Abilities> {
  return abilitiesInCircle(circle, viewer, {
    kind: 'session',
    isListed: await isListedOn(db, session.id, viewer),
    sessionId: session.id,
  });
}

export async function requireParticipant(
  db: Kysely<DB>,
  session: { id: string },
  circle: CircleWithStanding,
  viewer: Viewer,
): Promise<void> {
  requireAbility(
    await sessionAbilities(db, session, circle, viewer),
    'takePart',
    'Session',
    'Only the circle’s members and the session’s participants can do this',
  );
}

/** A cancelled session keeps its page and its notes, but takes no more answers, weathers or invitations. */
export function refuseIfCancelled(session: { cancelledAt: unknown }): void {
  if (session.cancelledAt) throw new AppError('CONFLICT', 'This session is cancelled');
}
