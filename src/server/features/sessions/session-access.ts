import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { canSteer } from '../circles/circles.public.ts';

/**
 * Who takes part in a session: members of its circle, people listed as its participants, and
 * those who steer the circle. Others who can see a public circle may read the session, not write.
 */
export async function isParticipant(
  db: Kysely<DB>,
  session: { id: string },
  circle: { communityId: string; myRole: string | null; myStatus: string | null },
  viewer: Viewer,
): Promise<boolean> {
  if (circle.myStatus === 'member') return true;
  const listed = await db
    .selectFrom('sessionParticipants')
    .select('id')
    .where('sessionId', '=', session.id)
    .where('userId', '=', viewer.id)
    .executeTakeFirst();
  return Boolean(listed) || (await canSteer(db, circle, viewer));
}

export async function requireParticipant(
  db: Kysely<DB>,
  session: { id: string },
  circle: { communityId: string; myRole: string | null; myStatus: string | null },
  viewer: Viewer,
): Promise<void> {
  if (await isParticipant(db, session, circle, viewer)) return;
  throw new AppError('FORBIDDEN', 'Only the circle’s members and the session’s participants can do this');
}

/** A cancelled session keeps its page and its notes, but takes no more answers, weathers or invitations. */
export function refuseIfCancelled(session: { cancelledAt: unknown }): void {
  if (session.cancelledAt) throw new AppError('CONFLICT', 'This session is cancelled');
}
