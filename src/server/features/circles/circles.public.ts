/**
 * What other features may use of circles: who may see a circle and its content, who steers it,
 * its members, and the locked steps (waitlist promotion) that other features' commands reuse in
 * their own transactions, and the REX decision recorded on a circle. Everything else in this folder is private to it.
 */

export { type CircleContentAccess, getCircleContentAccess, type VisibleCircle } from './circle-content.ts';
export { findCircleDecision } from './circle-decisions.ts';
export { findStanding, loadLockedCircle, nextPosition, promoteWaitlist } from './circles.commands.ts';
export {
  canSeeCircleContent,
  getCircleMember,
  getEditedCircle,
  getVisibleCircle,
  listCircleMembers,
  listViewerCircles,
  toCircleDto,
} from './circles.queries.ts';
