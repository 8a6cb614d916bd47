import type { CircleVisibility } from '../../domain/circle.ts';
import { type Abilities, abilitiesOn, type PolicyAction, type PolicyObject } from '../../domain/policy.ts';
import { AppError, notFound } from '../http/errors.ts';
import type { Viewer } from '../http/viewer.ts';
import { type StandingColumns, standingInCircle } from './standing.ts';

/** A circle row as the circle query selects it: the viewer's standing comes with it. */
export type CircleWithStanding = StandingColumns & { visibility: CircleVisibility };

type InCircle = Exclude<
  PolicyObject,
  { kind: 'community' | 'communityPoll' | 'glossaryEntry' | 'communitySurvey' | 'learningDesign' }
>;
/** An object of a circle without the facts the circle row already gives. */
export type CircleObject = InCircle extends infer O
  ? O extends InCircle
    ? Omit<O, 'visibility'>
    : never
  : never;

/** The viewer's abilities on a circle, or on one object of it. */
export function abilitiesInCircle(
  circle: CircleWithStanding,
  viewer: Viewer | undefined,
  object: CircleObject = { kind: 'circle' },
): Abilities {
  // A spread over a union is not narrowed back to it by TypeScript: each CircleObject plus the
  // circle's visibility is exactly one PolicyObject variant.
  // An archived community is read-only, for its steward and instance admins too (decision 038):
  // the standing says so, and the policies' answer keeps `read` alone.
  return abilitiesOn(standingInCircle(circle, viewer), {
    ...object,
    visibility: circle.visibility,
  } as PolicyObject);
}

/**
 * Refuses what the abilities do not allow: 404 (as if absent) when the viewer may not read the
 * object, 403 with `message` when they may read it but not do `action`.
 */
export function requireAbility(abilities: Abilities, action: PolicyAction, what: string, message: string) {
  if (!abilities.read) throw notFound(what);
  if (!abilities[action]) throw new AppError('FORBIDDEN', message);
}

/** Facilitators of the circle, animators of its community and instance admins steer a circle. */
export function requireSteward(circle: CircleWithStanding, viewer: Viewer | undefined) {
  requireAbility(
    abilitiesInCircle(circle, viewer),
    'steer',
    'Circle',
    'Only the circle’s facilitators can do this',
  );
}
