import type { Kysely } from 'kysely';
import type { DatePollRow, DB } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { canSteer, getVisibleCircle } from '../circles/circles.public.ts';

export type VisibleCircle = Awaited<ReturnType<typeof getVisibleCircle>>;

/** What a viewer may do on a circle's polls and sheets. */
export interface CircleStanding {
  circle: VisibleCircle;
  /** Members of the circle and its stewards answer, sign up and create. */
  isMember: boolean;
  canSteer: boolean;
}

/**
 * The circle's scheduling content (polls, sheets) as the viewer may see it: like its sessions, a
 * private circle's content is for its members and stewards only; anyone else gets 404.
 */
export async function getCircleStanding(
  db: Kysely<DB>,
  circleId: string,
  viewer: Viewer | undefined,
  what: string,
): Promise<CircleStanding> {
  const circle = await getVisibleCircle(db, circleId, viewer).catch(() => {
    throw notFound(what);
  });
  const steers = viewer ? await canSteer(db, circle, viewer) : false;
  const isMember = circle.myStatus === 'member' || steers;
  if (circle.visibility === 'private' && !isMember) throw notFound(what);
  return { circle, isMember, canSteer: steers };
}

/** The poll and the viewer's standing in its circle, or 404 as if it did not exist. */
export async function getVisiblePoll(db: Kysely<DB>, pollId: string, viewer: Viewer | undefined) {
  const poll = await findPoll(db, pollId);
  if (!poll) throw notFound('Date poll');
  return { poll, ...(await getCircleStanding(db, poll.circleId, viewer, 'Date poll')) };
}

export function findPoll(db: Kysely<DB>, pollId: string): Promise<DatePollRow | undefined> {
  return db.selectFrom('datePolls').selectAll().where('id', '=', pollId).executeTakeFirst();
}

export function findPollByShareToken(db: Kysely<DB>, token: string): Promise<DatePollRow | undefined> {
  return db.selectFrom('datePolls').selectAll().where('shareToken', '=', token).executeTakeFirst();
}

/** The organiser (its creator, while still in the circle) and the circle's stewards close a poll. */
export function canClosePoll(poll: DatePollRow, standing: CircleStanding, viewer: Viewer | undefined) {
  return Boolean(viewer) && ((poll.createdBy === viewer?.id && standing.isMember) || standing.canSteer);
}
