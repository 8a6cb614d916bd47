import type { Kysely } from 'kysely';
import type { Abilities } from '../../../domain/policy.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { abilitiesInCircle } from '../../policy/access.ts';
import { getVisibleCircle } from './circles.queries.ts';

export type VisibleCircle = Awaited<ReturnType<typeof getVisibleCircle>>;

/** What a viewer may do with a circle's scheduling content (date polls, sign-up sheets). */
export interface CircleContentAccess {
  circle: VisibleCircle;
  /** The scheduling policy's answer on a new date poll or sheet (domain/policy.ts). */
  abilities: Abilities;
  /** Members of the circle and its stewards answer, sign up and create (`abilities.takePart`). */
  isMember: boolean;
  /** The circle's stewards (`steer` on the circle). */
  canSteer: boolean;
}

/**
 * The circle's scheduling content as the viewer may see it (the date-poll and sheet policies'
 * `read`): like its sessions, a private circle's content is for its members and stewards only;
 * anyone else gets 404 naming `what`.
 */
export async function getCircleContentAccess(
  db: Kysely<DB>,
  circleId: string,
  viewer: Viewer | undefined,
  what: string,
): Promise<CircleContentAccess> {
  const circle = await getVisibleCircle(db, circleId, viewer).catch(() => {
    throw notFound(what);
  });
  const abilities = abilitiesInCircle(circle, viewer, { kind: 'datePoll', createdBy: null });
  if (!abilities.read) throw notFound(what);
  return {
    circle,
    abilities,
    isMember: abilities.takePart,
    canSteer: abilitiesInCircle(circle, viewer).steer,
  };
}
