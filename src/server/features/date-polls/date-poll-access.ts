import type { Kysely } from 'kysely';
import type { DatePollRow, DB } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { abilitiesInCircle } from '../../policy/access.ts';
import { type CircleContentAccess, getCircleContentAccess } from '../circles/circles.public.ts';

/** The poll and the viewer's standing in its circle, or 404 as if it did not exist. */
export async function getVisiblePoll(db: Kysely<DB>, pollId: string, viewer: Viewer | undefined) {
  const poll = await findPoll(db, pollId);
  if (!poll) throw notFound('Date poll');
  return { poll, ...(await getCircleContentAccess(db, poll.circleId, viewer, 'Date poll')) };
}

export function findPoll(db: Kysely<DB>, pollId: string): Promise<DatePollRow | undefined> {
  return db.selectFrom('datePolls').selectAll().where('id', '=', pollId).executeTakeFirst();
}

export function findPollByShareToken(db: Kysely<DB>, token: string): Promise<DatePollRow | undefined> {
  return db.selectFrom('datePolls').selectAll().where('shareToken', '=', token).executeTakeFirst();
}

/** The organiser (its creator, while still in the circle) and the circle's stewards close a poll. */
export function canClosePoll(poll: DatePollRow, access: CircleContentAccess, viewer: Viewer | undefined) {
  return abilitiesInCircle(access.circle, viewer, { kind: 'datePoll', createdBy: poll.createdBy }).steer;
}
