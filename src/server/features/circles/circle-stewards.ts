import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { findCommunityMembership } from '../communities/communities.public.ts';

/** Facilitators of the circle, animators of its community and instance admins steer a circle. */
export async function canSteer(
  db: Kysely<DB>,
  circle: { communityId: string; myRole: string | null; myStatus: string | null },
  viewer: Viewer,
) {
  if (viewer.isAdmin) return true;
  if (circle.myRole === 'facilitator' && circle.myStatus === 'member') return true;
  const membership = await findCommunityMembership(db, circle.communityId, viewer.id);
  return membership?.role === 'animator' && membership.status === 'active';
}

export async function requireSteward(db: Kysely<DB>, circle: Parameters<typeof canSteer>[1], viewer: Viewer) {
  if (!(await canSteer(db, circle, viewer))) {
    throw new AppError('FORBIDDEN', 'Only the circle’s facilitators can do this');
  }
}
