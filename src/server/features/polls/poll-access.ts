import type { Kysely } from 'kysely';
import { type PollPhase, pollPhases } from '../../../domain/poll.ts';
import { toIso } from '../../db/columns.ts';
import type { DB, PollRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { canSteer, getVisibleCircle } from '../circles/circles.public.ts';
import { findCommunityMembership } from '../communities/communities.public.ts';

/** Where a poll lives: a circle (its members vote) or a whole community (its active members vote). */
export type PollScope =
  | { kind: 'circle'; circleId: string; circleName: string; communityId: string; communitySlug: string }
  | { kind: 'community'; communityId: string; communitySlug: string };

export interface PollAccess {
  poll: PollRow;
  scope: PollScope;
  canVote: boolean;
  canOrganise: boolean;
}

/** The live topic of a poll. */
export const pollTopic = (pollId: string) => `poll:${pollId}`;

/** A poll past its closing time is closed, whether or not anyone pressed "close". */
export function effectivePhase(poll: Pick<PollRow, 'phase' | 'closesAt'>, now = Date.now()): PollPhase {
  if (poll.phase !== 'closed' && poll.closesAt && Date.parse(toIso(poll.closesAt)) <= now) return 'closed';
  return pollPhases.includes(poll.phase) ? poll.phase : 'closed';
}

/**
 * The circle a poll of that circle is shown in: like its sessions, a private circle's polls are for
 * its members and stewards (requesters and waitlisted people see the circle, not what it decides).
 */
export async function circleScope(db: Kysely<DB>, circleId: string, viewer: Viewer | undefined) {
  const circle = await getVisibleCircle(db, circleId, viewer);
  const isSteward = viewer ? await canSteer(db, circle, viewer) : false;
  if (circle.visibility === 'private' && circle.myStatus !== 'member' && !isSteward) throw notFound('Circle');
  return { circle, isSteward, isMember: circle.myStatus === 'member' };
}

/** A community by id or slug, if the viewer is an active member (or an instance admin). */
export async function communityScope(db: Kysely<DB>, idOrSlug: string, viewer: Viewer | undefined) {
  const community = await db
    .selectFrom('communities')
    .select(['id', 'slug'])
    .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
    .executeTakeFirst();
  if (!community || !viewer) throw notFound('Community');
  const membership = await findCommunityMembership(db, community.id, viewer.id);
  const isMember = membership?.status === 'active';
  if (!isMember && !viewer.isAdmin) throw notFound('Community');
  const isAnimator = viewer.isAdmin || (isMember && membership?.role === 'animator');
  return { community, isMember, isAnimator };
}

/** The poll if the viewer may see it (404 otherwise, as if absent), with what they may do. */
export async function getPollAccess(
  db: Kysely<DB>,
  pollId: string,
  viewer: Viewer | undefined,
): Promise<PollAccess> {
  const poll = await db.selectFrom('polls').selectAll().where('id', '=', pollId).executeTakeFirst();
  if (!poll) throw notFound('Poll');
  const isCreator = viewer !== undefined && poll.createdBy === viewer.id;
  try {
    if (poll.circleId) {
      const { circle, isSteward, isMember } = await circleScope(db, poll.circleId, viewer);
      return {
        poll,
        scope: {
          kind: 'circle',
          circleId: circle.id,
          circleName: circle.name,
          communityId: circle.communityId,
          communitySlug: circle.communitySlug,
        },
        canVote: isMember,
        // A creator steers their poll while they belong to its circle, not after leaving it.
        canOrganise: isSteward || (isCreator && isMember),
      };
    }
    const { community, isMember, isAnimator } = await communityScope(db, poll.communityId, viewer);
    return {
      poll,
      scope: { kind: 'community', communityId: community.id, communitySlug: community.slug },
      canVote: isMember,
      canOrganise: isAnimator || (isCreator && isMember),
    };
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('Poll');
    throw error;
  }
}

export async function getOrganisedPoll(db: Kysely<DB>, pollId: string, viewer: Viewer): Promise<PollAccess> {
  const access = await getPollAccess(db, pollId, viewer);
  if (!access.canOrganise) throw new AppError('FORBIDDEN', 'Only the poll’s organisers can do this');
  return access;
}
