import type { Kysely } from 'kysely';
import { type Abilities, abilitiesOn } from '../../../domain/policy.ts';
import { type PollPhase, pollPhases } from '../../../domain/poll.ts';
import { toIso } from '../../db/columns.ts';
import type { DB, PollRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { abilitiesInCircle } from '../../policy/access.ts';
import { resolveCommunityStanding } from '../../policy/standing.ts';
import { getVisibleCircle } from '../circles/circles.public.ts';

/** Where a poll lives: a circle (its members vote) or a whole community (its active members vote). */
export type PollScope =
  | { kind: 'circle'; circleId: string; circleName: string; communityId: string; communitySlug: string }
  | { kind: 'community'; communityId: string; communitySlug: string };

export interface PollAccess {
  poll: PollRow;
  scope: PollScope;
  /** The poll policy's answer (domain/policy.ts), whatever the poll's phase. */
  abilities: Abilities;
  /** Members vote and propose (in the phase that allows it). */
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
 * `abilities` are the circle's own: taking part there is creating a poll.
 */
export async function circleScope(
  db: Kysely<DB>,
  circleId: string,
  viewer: Viewer | undefined,
  /** The session of the poll asked for: a guest of it reads the poll (decision 051). */
  sessionId: string | null = null,
) {
  const circle = await getVisibleCircle(db, circleId, viewer);
  if (!abilitiesInCircle(circle, viewer, { kind: 'circlePoll', createdBy: null, sessionId }).read)
    throw notFound('Circle');
  return { circle, abilities: abilitiesInCircle(circle, viewer) };
}

/**
 * A community by id or slug, if the viewer may read its polls (an active member or an instance
 * admin); `abilities` are those on a community poll nobody created yet (steer: create one).
 */
export async function communityScope(db: Kysely<DB>, idOrSlug: string, viewer: Viewer | undefined) {
  const community = await db
    .selectFrom('communities')
    .select(['id', 'slug'])
    .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
    .executeTakeFirst();
  if (!community) throw notFound('Community');
  const standing = await resolveCommunityStanding(db, community.id, viewer);
  const abilities = abilitiesOn(standing, { kind: 'communityPoll', createdBy: null });
  if (!abilities.read) throw notFound('Community');
  return { community, standing, abilities };
}

/** The poll if the viewer may see it (404 otherwise, as if absent), with what they may do. */
export async function getPollAccess(
  db: Kysely<DB>,
  pollId: string,
  viewer: Viewer | undefined,
): Promise<PollAccess> {
  const poll = await db.selectFrom('polls').selectAll().where('id', '=', pollId).executeTakeFirst();
  if (!poll) throw notFound('Poll');
  try {
    if (poll.circleId) {
      const { circle } = await circleScope(db, poll.circleId, viewer, poll.sessionId);
      const abilities = abilitiesInCircle(circle, viewer, {
        kind: 'circlePoll',
        createdBy: poll.createdBy,
        sessionId: poll.sessionId,
      });
      return {
        poll,
        scope: {
          kind: 'circle',
          circleId: circle.id,
          circleName: circle.name,
          communityId: circle.communityId,
          communitySlug: circle.communitySlug,
        },
        ...withFlags(abilities),
      };
    }
    const { community, standing } = await communityScope(db, poll.communityId, viewer);
    return {
      poll,
      scope: { kind: 'community', communityId: community.id, communitySlug: community.slug },
      ...withFlags(abilitiesOn(standing, { kind: 'communityPoll', createdBy: poll.createdBy })),
    };
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('Poll');
    throw error;
  }
}

const withFlags = (abilities: Abilities) => ({
  abilities,
  canVote: abilities.takePart,
  canOrganise: abilities.steer,
});

export async function getOrganisedPoll(db: Kysely<DB>, pollId: string, viewer: Viewer): Promise<PollAccess> {
  const access = await getPollAccess(db, pollId, viewer);
  if (!access.canOrganise) throw new AppError('FORBIDDEN', 'Only the poll’s organisers can do this');
  return access;
}
